using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace EcsConstructs.Rules;

/// <summary>
/// The aspect <see cref="EcsRules.Apply"/> adds. Visiting the tree, it attaches one
/// <see cref="RulesValidation"/> to every stack in scope. The rules themselves run in the
/// validation phase of synthesis, after all aspects (CDK's cluster capacity provider
/// association is created by an aspect) and after construct dependencies became
/// <c>DependsOn</c>, so they see the finished resources.
/// </summary>
internal sealed class RulesAspect : DeputyBase, IAspect
{
    private readonly string _scopePath;
    private readonly Dictionary<string, RulesValidation> _validations = new(StringComparer.Ordinal);

    public RulesAspect(IConstruct scope)
    {
        _scopePath = scope.Node.Path;
    }

    public void Visit(IConstruct node)
    {
        Stack? stack = node switch
        {
            Stack s when s.NestedStackParent is null => s,
            _ when node is not Stage && node.Node.Path == _scopePath => Stack.Of(node),
            _ => null,
        };

        if (stack is null)
        {
            return;
        }

        var path = stack.Node.Path;
        if (!_validations.ContainsKey(path))
        {
            var validation = new RulesValidation(stack, _scopePath);
            _validations[path] = validation;
            stack.Node.AddValidation(validation);
        }
    }
}
