// The process tests signal and inspect a real Unix process (SIGTERM, SIGKILL, file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
