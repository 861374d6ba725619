using IntegrationsApiEmulator.Server;

return await ServerCommand.InvokeAsync(args);
