namespace Switchyard.Storage.Postgres.Schema;

/// <summary>
/// One step of a store's schema. Steps are applied once each, in version order, and never change after a release: a
/// later change is a new step.
/// </summary>
/// <param name="Version">1 for the first step of its component, then 2, 3 and so on without gaps.</param>
/// <param name="Name">What the step does, kept beside its version in the database.</param>
/// <param name="Sql">The statements, run in the migration's transaction.</param>
internal sealed record PostgresMigration(int Version, string Name, string Sql);
