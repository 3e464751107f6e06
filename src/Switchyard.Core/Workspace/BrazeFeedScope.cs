namespace Switchyard.Core.Workspace;

/// <summary>
/// Which Braze credentials feed a Braze input: workspace-level ones carry every non-app event, app-level ones a single
/// app's events (reference/mparticle.md §5). Descriptive only: Braze does the splitting, Switchyard takes what it is sent.
/// </summary>
public enum BrazeFeedScope
{
    Workspace,
    App,
}
