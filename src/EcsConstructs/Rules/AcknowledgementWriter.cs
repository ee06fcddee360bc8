using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;
using EcsConstructs.Validation;

namespace EcsConstructs.Rules;

/// <summary>
/// Writes acknowledgements (<see cref="EcsRules.Acknowledge"/>) into the template, where every run
/// point of the rule engine reads them (<see cref="Acknowledgement"/>): a stack's into the template's
/// <c>Metadata</c> at once; a construct's into the <c>Metadata</c> of every CloudFormation resource
/// under it, in CDK's validation phase (after aspects, before the templates are written), so that
/// resources added after the call are covered.
/// </summary>
internal sealed class AcknowledgementWriter : DeputyBase, IValidation
{
    private readonly IConstruct _scope;
    private readonly string _ruleId;
    private readonly string _reason;

    private AcknowledgementWriter(IConstruct scope, string ruleId, string reason)
    {
        _scope = scope;
        _ruleId = ruleId;
        _reason = reason;
    }

    public static void Add(IConstruct scope, string ruleId, string reason)
    {
        switch (scope)
        {
            case Stack stack:
                stack.AddMetadata(Acknowledgement.MetadataKey, Merge(stack.TemplateOptions.Metadata?.TryGetValue(Acknowledgement.MetadataKey, out var existing) == true ? existing : null, ruleId, reason));
                break;
            case Stage:
                foreach (var stack in scope.Node.FindAll().OfType<Stack>().Where(s => s.NestedStackParent is null))
                {
                    Add(stack, ruleId, reason);
                }

                break;
            default:
                scope.Node.AddValidation(new AcknowledgementWriter(scope, ruleId, reason));
                break;
        }
    }

    public string[] Validate()
    {
        foreach (var resource in _scope.Node.FindAll().OfType<CfnResource>())
        {
            resource.AddMetadata(Acknowledgement.MetadataKey, Merge(resource.GetMetadata(Acknowledgement.MetadataKey), _ruleId, _reason));
        }

        return [];
    }

    /// <summary>The metadata value with the acknowledgement of <paramref name="ruleId"/> added (or its reason replaced).</summary>
    private static Dictionary<string, object> Merge(object? existing, string ruleId, string reason)
    {
        var entries = (JsiiJson.ToJson(existing)?["acknowledge"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(e => (Id: e["id"]?.GetValue<string>(), Reason: e["reason"]?.GetValue<string>()))
            .Where(e => e.Id is not null && e.Id != ruleId && e.Reason is not null)
            .Append((Id: (string?)ruleId, Reason: (string?)reason));
        return new Dictionary<string, object>
        {
            ["acknowledge"] = entries.Select(e => (object)new Dictionary<string, object> { ["id"] = e.Id!, ["reason"] = e.Reason! }).ToArray(),
        };
    }
}
