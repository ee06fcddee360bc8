using EcsConstructs.Rules.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
