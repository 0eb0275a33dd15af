using Microsoft.AspNetCore.Builder;

namespace ConsumerProtection.Shared.Idempotency;

/// <summary>Marks a creating POST endpoint as honouring the <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentAttribute : Attribute;

/// <summary>Endpoint builder extensions for idempotency.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>The endpoint honours <c>Idempotency-Key</c>: a retry by the same caller returns the first response.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new IdempotentAttribute());
        return builder;
    }
}
