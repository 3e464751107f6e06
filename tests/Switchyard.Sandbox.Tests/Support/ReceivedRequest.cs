namespace Switchyard.Sandbox.Tests.Support;

/// <summary>One request a <see cref="CurrentsReceiver"/> got, and the status it answered.</summary>
internal sealed record ReceivedRequest(string Path, string Authorization, string? ContentType, string Body, int AnsweredStatus);
