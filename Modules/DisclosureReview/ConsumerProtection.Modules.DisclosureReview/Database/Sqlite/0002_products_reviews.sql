-- Products, their documents and versions, reviews and approvals (plan 6 arts. 11(7), 20–22): a product is reviewed
-- before launch; each document version keeps its original bytes, SHA-256, extracted text and the findings of the rule
-- set it was checked with. An approval binds to the exact versions' hashes (approval_item). Kept at least three years
-- after the product retires (plan 6 art. 34; record type disclosure-product).
CREATE TABLE product (
    id                      TEXT    NOT NULL PRIMARY KEY,
    code                    TEXT    NOT NULL UNIQUE,
    name                    TEXT    NOT NULL,
    product_type            TEXT    NOT NULL,
    principal_protected     INTEGER NOT NULL,
    risk_grade              TEXT    NOT NULL,
    target_customers        TEXT    NOT NULL,
    sales_channels          TEXT    NOT NULL,
    department_id           TEXT    NOT NULL,
    status                  TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    created_at              TEXT    NOT NULL,
    created_by              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    launched_at             TEXT    NULL,
    retired_at              TEXT    NULL
);

CREATE INDEX ix_product_department ON product (department_id, code);
CREATE INDEX ix_product_retired ON product (retired_at);

CREATE TABLE product_document (
    id                      TEXT    NOT NULL PRIMARY KEY,
    product_id              TEXT    NOT NULL REFERENCES product (id),
    document_type           TEXT    NOT NULL,
    language                TEXT    NOT NULL,
    title                   TEXT    NOT NULL,
    latest_version          INTEGER NOT NULL,
    created_at              TEXT    NOT NULL,
    created_by              TEXT    NOT NULL
);

CREATE INDEX ix_product_document_product ON product_document (product_id);

CREATE TABLE document_version (
    document_id             TEXT    NOT NULL REFERENCES product_document (id),
    number                  INTEGER NOT NULL,
    file_name               TEXT    NULL,
    format                  TEXT    NOT NULL,
    byte_length             INTEGER NOT NULL,
    sha256                  TEXT    NOT NULL,
    original                BLOB    NOT NULL,
    extracted_text          TEXT    NOT NULL,
    paragraphs              INTEGER NOT NULL,
    rule_set_version        INTEGER NOT NULL,
    findings                TEXT    NOT NULL,
    blockers                INTEGER NOT NULL,
    uploaded_at             TEXT    NOT NULL,
    uploaded_by             TEXT    NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE review (
    id                      TEXT    NOT NULL PRIMARY KEY,
    product_id              TEXT    NOT NULL REFERENCES product (id),
    department_id           TEXT    NOT NULL,
    round                   INTEGER NOT NULL,
    status                  TEXT    NOT NULL,
    version                 INTEGER NOT NULL,
    submitted_at            TEXT    NOT NULL,
    submitted_by            TEXT    NOT NULL,
    due_at                  TEXT    NOT NULL,
    reviewer_id             TEXT    NULL,
    assigned_at             TEXT    NULL,
    decided_at              TEXT    NULL,
    decided_by              TEXT    NULL,
    decision_reason         TEXT    NULL,
    review_working_days     INTEGER NULL,
    voided_at               TEXT    NULL,
    void_reason             TEXT    NULL
);

CREATE INDEX ix_review_product ON review (product_id, round);
CREATE INDEX ix_review_queue ON review (status, due_at, submitted_at);
CREATE INDEX ix_review_submitted ON review (submitted_at);

CREATE TABLE approval_item (
    review_id               TEXT    NOT NULL REFERENCES review (id),
    document_id             TEXT    NOT NULL,
    version_number          INTEGER NOT NULL,
    sha256                  TEXT    NOT NULL,
    document_type           TEXT    NOT NULL,
    expires_at              TEXT    NULL,
    PRIMARY KEY (review_id, document_id)
);

CREATE TABLE review_comment (
    id                      TEXT    NOT NULL PRIMARY KEY,
    review_id               TEXT    NOT NULL REFERENCES review (id),
    document_id             TEXT    NOT NULL,
    version_number          INTEGER NOT NULL,
    page                    INTEGER NULL,
    paragraph               INTEGER NULL,
    line                    INTEGER NULL,
    col                     INTEGER NULL,
    body                    TEXT    NOT NULL,
    author_id               TEXT    NOT NULL,
    created_at              TEXT    NOT NULL
);

CREATE INDEX ix_review_comment_review ON review_comment (review_id, created_at);

CREATE TABLE finding_waiver (
    id                      TEXT    NOT NULL PRIMARY KEY,
    review_id               TEXT    NOT NULL REFERENCES review (id),
    document_id             TEXT    NOT NULL,
    version_number          INTEGER NOT NULL,
    finding_index           INTEGER NOT NULL,
    rule_id                 TEXT    NOT NULL,
    reason                  TEXT    NOT NULL,
    waived_by               TEXT    NOT NULL,
    waived_at               TEXT    NOT NULL,
    UNIQUE (document_id, version_number, finding_index)
);
