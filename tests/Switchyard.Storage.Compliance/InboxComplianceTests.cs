namespace Switchyard.Storage.Compliance;

public abstract class InboxComplianceTests;
