using Microsoft.AspNetCore.Components;

namespace Switchyard.Console.Components.Shared;

/// <summary>
/// A page that reads its data again every couple of seconds while it is open. Public only because Razor components
/// are; the timer stops when the page is left.
/// </summary>
public abstract class RefreshingPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected virtual TimeSpan RefreshInterval => TimeSpan.FromSeconds(2);

    /// <summary>Reads what the page shows; called before the first render and on every tick.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Cancelled when the page is left.</summary>
    protected CancellationToken Closed => _closed.Token;

    protected override Task OnInitializedAsync() => LoadAsync(_closed.Token);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshAsync();
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync(_closed.Token);
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
        catch (ObjectDisposedException)
        {
            // The page was left between two ticks.
        }
    }
}
