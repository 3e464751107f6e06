return await Switchyard.Cli.SwitchyardCli.RunAsync(args).ConfigureAwait(false);
