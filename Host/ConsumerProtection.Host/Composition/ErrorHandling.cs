using System.Text.Json;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ConsumerProtection.Host.Composition;

/// <summary>Every error answer is application/problem+json with the correlation id; no stack traces, no SQL.</summary>
internal static class ErrorHandling
{
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions.Remove("traceId");
            if (CorrelationIdMiddleware.Get(ctx.HttpContext) is { } id)
            {
                ctx.ProblemDetails.Extensions["correlationId"] = id;
            }

            ctx.ProblemDetails.Title ??= ctx.ProblemDetails.Status switch
            {
                401 => "Authentication is required: send X-Api-Key or a bearer token.",
                403 => "Your role may not do this.",
                404 => "Not found.",
                405 => "This method is not allowed on this resource.",
                _ => null,
            };
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    private sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var problem = exception switch
            {
                BadHttpRequestException bad => FromBadRequest(http, bad),
                StoredValueException stored => Unreadable(stored.Message, stored.Field),
                Shared.Protection.PersonalDataProtectionException => Unreadable(
                    "An encrypted personal-data field of this record cannot be decrypted (wrong key, altered, or copied from another record); "
                    + "the field and record were logged with this request's correlation id.", null),
                _ when IsDiskFull(exception) => DiskFull(logger, exception),
                _ => null,
            };
            if (problem?.Status == StatusCodes.Status500InternalServerError)
            {
                // A row changed outside the API: operators need to find it. The message names the field and row, never a value.
                logger.LogError("Unreadable stored record: {Problem}", exception.Message);
            }

            if (problem is null)
            {
                // Log the exception type and stack for operators; the answer says nothing of it.
                logger.LogError(exception, "Unhandled exception");
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                    Detail = "The error was logged with this request's correlation id.",
                };
            }

            http.Response.StatusCode = problem.Status!.Value;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
        }

        // SQLITE_FULL, or ENOSPC from a file write: the transaction rolled back, so nothing of the request was kept and a
        // retry is safe once space is freed; the host needs no restart (SQLite retries the write on the next request).
        private static bool IsDiskFull(Exception exception)
        {
            for (var e = exception; e is not null; e = e.InnerException)
            {
                if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 } || (e is IOException io && io.HResult == 28))
                {
                    return true;
                }
            }

            return false;
        }

        private static ProblemDetails DiskFull(ILogger logger, Exception exception)
        {
            logger.LogCritical(exception, "The data folder's disk is full; writes are refused with 507 until space is freed");
            return new ProblemDetails
            {
                Status = StatusCodes.Status507InsufficientStorage,
                Title = "The server's storage is full.",
                Detail = "Nothing of this request was stored. Retry once the operators have freed space.",
            };
        }

        // A row changed outside the API: say which field of the record is unreadable (never its value), so an
        // operator can find it; lists answer such rows in rowErrors instead of failing whole.
        private static ProblemDetails Unreadable(string detail, string? field)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "The stored record is unreadable.",
                Detail = detail,
            };
            if (field is not null)
            {
                problem.Extensions["field"] = field;
            }

            return problem;
        }

        // Matched on the exception's type and status code, never its message: a JSON error names its path; a bind
        // failure is diagnosed from the handler's signature and the request (BindFailures); otherwise the status decides.
        private static ProblemDetails FromBadRequest(HttpContext http, BadHttpRequestException bad)
        {
            if (FindJsonException(bad) is { } json)
            {
                return Validation(new Dictionary<string, string[]> { [FieldFromPath(json.Path)] = [BindFailures.JsonMessage(http, json)] });
            }

            if (bad.StatusCode == StatusCodes.Status400BadRequest && BindFailures.Diagnose(http) is { } errors)
            {
                return Validation(errors);
            }

            return bad.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
                {
                    Status = 415, Title = "Unsupported content type.", Detail = "Send the body as application/json.",
                },
                StatusCodes.Status413PayloadTooLarge => new ProblemDetails
                {
                    Status = 413, Title = "The request body is too large.",
                },
                _ => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid." },
            };
        }

        private static ValidationProblemDetails Validation(Dictionary<string, string[]> errors) =>
            new(errors) { Status = StatusCodes.Status400BadRequest, Title = "The request is invalid." };

        private static JsonException? FindJsonException(Exception? ex)
        {
            for (; ex is not null; ex = ex.InnerException)
            {
                if (ex is JsonException json)
                {
                    return json;
                }
            }

            return null;
        }

        // "$.roles[0]" -> "roles[0]"; "$" -> "body"
        internal static string FieldFromPath(string? path) =>
            string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
