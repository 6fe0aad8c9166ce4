using Microsoft.AspNetCore.Http;

namespace McpSentinel.Server.Endpoints;

/// <summary>RFC 9457 problem details for the API's error answers.</summary>
public static class Problems
{
    public static IResult NotFound(string what) => TypedResults.Problem(detail: what + " was not found", statusCode: StatusCodes.Status404NotFound, title: "Not found");
    public static IResult BadRequest(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
    public static IResult Forbidden(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    public static IResult Conflict(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
    public static IResult TooLarge(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    /// <summary>Checks offset/limit; null when fine.</summary>
    public static IResult? Paging(int offset, int limit, int maxLimit = 500) =>
        offset < 0 ? BadRequest("offset must be 0 or more")
        : limit < 1 || limit > maxLimit ? BadRequest($"limit must be between 1 and {maxLimit}")
        : null;
}
