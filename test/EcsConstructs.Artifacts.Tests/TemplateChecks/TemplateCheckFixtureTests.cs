namespace EcsConstructs.Tests.TemplateChecks;

/// <summary>The template check catches what it is meant to catch in tools/template-check/fixtures (and nothing on a good template).</summary>
[Collection(TemplateCheckCollection.Name)]
public sealed class TemplateCheckFixtureTests(CheckedTemplates fixture)
{
    private readonly TemplateCheckReport _report = fixture.Report;

    [Fact]
    public void GoodTemplatePassesBothChecks()
    {
        var good = _report.For("good.template.json");

        Assert.Empty(good.Errors);
        Assert.Empty(good.Warnings);
    }

    [Fact]
    public void UnsuppressedNagFindingIsAnErrorWithRuleAndLogicalId()
    {
        var result = _report.For("nag-error.template.json");

        var finding = Assert.Single(result.Errors);
        Assert.Equal("cdk-nag", finding.Check);
        Assert.Equal("AwsSolutions-EC23", finding.Rule);
        Assert.Equal("BastionSecurityGroup8F2A3B4C", finding.LogicalId);
        Assert.Equal("NagError/Bastion/SecurityGroup/Resource", finding.Path);
        Assert.Equal(1, _report.ExitCode);
    }

    [Fact]
    public void SuppressionInTemplateMetadataIsHonouredAndCounted()
    {
        var result = _report.For("nag-suppressed.template.json");

        Assert.Empty(result.Errors);
        Assert.Equal(1, result.Suppressed);
    }

    [Theory]
    [InlineData("SCHEMA-UNKNOWN-PROPERTY", "JobQueue1A2B3C4D", "VisibilityTimeOut")]
    [InlineData("SCHEMA-MISSING-REQUIRED", "ServiceSecurityGroup5E6F7A8B", "GroupDescription")]
    [InlineData("SCHEMA-TYPE", "AlertsTopic9C0D1E2F", "Subscription")]
    public void SchemaProblemsAreReportedWithLogicalIdAndProperty(string rule, string logicalId, string property)
    {
        var result = _report.For("schema-error.template.json");

        Assert.Contains(result.Errors, e =>
            e.Check == "schema" && e.Rule == rule && e.LogicalId == logicalId &&
            e.Message.Contains(property, StringComparison.Ordinal));
        Assert.Equal(3, result.Errors.Count);
    }
}
