namespace GossipSim.Tests; public class SmokeTests { [Test] public void Smoke_Always_Passes() => Assert.That(1, Is.EqualTo(1)); }
