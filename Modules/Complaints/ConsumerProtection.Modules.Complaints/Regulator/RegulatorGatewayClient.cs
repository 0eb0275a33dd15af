using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>What the regulator said to a result: delivered (now or before), or refused with a client error.</summary>
internal sealed record Delivery(bool Delivered, int Status);

/// <summary>
/// Typed client for the regulator gateway. Retries, per-attempt timeouts and the circuit breaker live in the
/// resilience handler (<see cref="RegulatorRegistration"/>); this class only speaks the contract.
/// </summary>
internal sealed class RegulatorGatewayClient(HttpClient http)
{
    /// <summary>Transfers after <paramref name="since"/> (an opaque cursor; null for the start).</summary>
    public async Task<TransferPage> GetTransfersAsync(string? since, int limit, CancellationToken ct)
    {
        var path = "transfers?limit=" + limit.ToString(CultureInfo.InvariantCulture)
            + (since is null ? "" : "&since=" + Uri.EscapeDataString(since));
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The regulator gateway answered {(int)response.StatusCode} to GET transfers.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<TransferPage>(RegulatorJson.Options, ct)
            ?? throw new HttpRequestException("The regulator gateway answered GET transfers with an empty body.");
    }

    /// <summary>
    /// Posts one result. The regulator is idempotent on the event id, so a resend after a lost answer is safe and a
    /// 409 (it already has the event) counts as delivered. Server errors, 408 and 429 throw: the gateway is unwell.
    /// </summary>
    public async Task<Delivery> PostResultAsync(string caseId, Guid eventId, string payloadJson, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"transfers/{Uri.EscapeDataString(caseId)}/results", UriKind.Relative))
        {
            Content = new StringContent(payloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", eventId.ToString());
        using var response = await http.SendAsync(request, ct);
        var status = response.StatusCode;
        if (response.IsSuccessStatusCode || status == HttpStatusCode.Conflict)
        {
            return new Delivery(true, (int)status);
        }

        if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"The regulator gateway answered {(int)status} to POST results.", null, status);
        }

        return new Delivery(false, (int)status);
    }
}
