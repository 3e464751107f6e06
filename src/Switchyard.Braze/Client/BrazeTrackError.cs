using Switchyard.Braze.Delivery;

namespace Switchyard.Braze.Client;

/// <summary>One entry of Braze's <c>errors[]</c>; <see cref="Array"/> and <see cref="Index"/> are null when missing or unknown.</summary>
internal sealed record BrazeTrackError(string Type, BrazeTrackArray? Array, int? Index);
