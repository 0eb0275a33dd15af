using System.CommandLine;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Shared.Seeding;

namespace ConsumerProtection.Host.Cli.Verbs;

/// <summary><c>seed --complaints 1000000 [--months 12] [--seed 42]</c>: every registered seeder is an option <c>--name &lt;count&gt;</c>.</summary>
internal sealed class SeedVerb : IHostVerb
{
    public Command Create(VerbContext context)
    {
        var command = new Command("seed", "Generate realistic data straight into the module schemas (benchmarks, demos), reporting rows/s. Applies the migrations first.");
        var months = new Option<int>("--months") { Description = "Months of history to spread the rows over.", DefaultValueFactory = _ => 12 };
        months.Validators.Add(r => AtLeast(r, "--months", min: 1));
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data.", DefaultValueFactory = _ => 42 };
        seed.Validators.Add(r => AtLeast(r, "--seed", min: 0));
        command.Options.Add(months);
        command.Options.Add(seed);

        // Seeders are resolved only to learn their names; building them opens no database file.
        var counts = new List<(ISeeder Seeder, Option<int> Option)>();
        foreach (var seeder in context.Services.GetServices<ISeeder>())
        {
            var option = new Option<int>("--" + seeder.Name) { Description = $"How many {seeder.Name} rows to generate." };
            option.Validators.Add(r => AtLeast(r, option.Name, min: 0));
            command.Options.Add(option);
            counts.Add((seeder, option));
        }

        command.Validators.Add(r =>
        {
            if (counts.All(c => r.GetResult(c.Option) is null))
            {
                r.AddError($"name at least one seeder: {string.Join(", ", counts.Select(c => c.Option.Name + " <count>"))}.");
            }
        });
        command.SetAction(async (parse, _) =>
        {
            var requested = counts.Where(c => parse.GetResult(c.Option) is not null).Select(c => (c.Seeder, parse.GetValue(c.Option))).ToList();
            return await SeedCommand.RunAsync(context.Services, requested, parse.GetValue(months), parse.GetValue(seed), context.Out, context.Error);
        });
        return command;
    }

    // Reads the token itself: a value that is not a number at all is already reported by the parser.
    private static void AtLeast(System.CommandLine.Parsing.OptionResult r, string name, int min)
    {
        if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < min)
        {
            r.AddError($"{name} must be a whole number of at least {min}, got {value}.");
        }
    }
}
