namespace EcsConstructs.Rules.Review;

/// <summary>What a <see cref="ReviewFlag"/> warns of.</summary>
public enum ReviewFlagKind
{
    /// <summary>
    /// A stateful resource (a log group, repository, secret, file system, bucket, table, database, key,
    /// stream, queue…) is replaced: its data is deleted with the old resource, or orphaned when its
    /// <c>UpdateReplacePolicy</c> (for a moved logical ID, the old resource's <c>DeletionPolicy</c>) is <c>Retain</c>.
    /// </summary>
    StatefulReplacement,

    /// <summary>A stateful resource is removed: its data is deleted, or orphaned when its <c>DeletionPolicy</c> is <c>Retain</c>.</summary>
    StatefulRemoval,

    /// <summary>
    /// A resource with a custom name (its name property set in the template, e.g. <c>ClusterName</c>) is
    /// replaced and keeps that name: CloudFormation creates the new resource before it deletes the old one,
    /// so the name is still taken and the update fails.
    /// </summary>
    CustomNameReplacement,

    /// <summary>
    /// An ECS service with the <c>CODE_DEPLOY</c> deployment controller is updated in place with a new task
    /// definition, load balancers, network configuration or platform version: ECS refuses these updates for such a
    /// service ("Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS
    /// CodeDeploy to trigger a new deployment."), so the stack update fails and rolls back; a CodeDeploy deployment
    /// ships them.
    /// </summary>
    CodeDeployServiceUpdate,
}
