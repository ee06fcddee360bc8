#!/usr/bin/env node
// Update-behaviour table generator: the CloudFormation resource database of @aws-cdk/aws-service-spec
// (node_modules/@aws-cdk/aws-service-spec/db.json.gz, read with its own loader) ->
// src/EcsConstructs.Rules/Data/UpdateBehaviours.g.cs, the table UpdateBehaviourTable reads.
//
//   node tools/update-behaviour/generate.js          write the C# file
//   node tools/update-behaviour/generate.js --check  exit 1 if the C# file is not what the database gives
//
// Plain Node.js; the only input is the pinned devDependency (npm ci installs it), no network. The output is
// deterministic (same database, same bytes), so the generated file can be committed and reviewed.
//
// What is written, per resource type (one line each, sorted ordinally):
//   - every top-level property whose change does not always update in place:
//       Name!  causesReplacement "yes", or every nested property it holds is listed in the resource's
//              additionalReplacementProperties: a change replaces the resource;
//       Name?  causesReplacement "maybe", or a property nested in it (any depth) replaces the resource
//              ("yes" or "maybe" on a nested type, or a partial additionalReplacementProperties path):
//              a change may replace it. CloudFormation's update behaviour is per top-level property, so
//              a nested replacing property makes its top-level property conditional.
//     Properties not written update in place (causesReplacement absent or "no").
//   - =Name: the property that gives the resource a custom (physical) name, see customNameProperty;
//   - *: the resource holds data (the database's isStateful).
// The C# side adds what the database does not say (ECR repositories hold images); see UpdateBehaviourTable.

'use strict';

const path = require('node:path');

const { repoRoot, wrap, parseCheck, writeOrCheck } = require('../codegen.js');
const outputFile = path.join(repoRoot, 'src', 'EcsConstructs.Rules', 'Data', 'UpdateBehaviours.g.cs');
const specPackage = '@aws-cdk/aws-service-spec';

/**
 * Name properties the naming pattern below does not find: verified in each type's CloudFormation reference
 * (the property names the resource; a change of it replaces the resource).
 */
const CUSTOM_NAME_OVERRIDES = {
  'AWS::EC2::SecurityGroup': 'GroupName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::ECR::PublicRepository': 'RepositoryName',
  'AWS::ElastiCache::CacheCluster': 'ClusterName',
  'AWS::ElastiCache::SubnetGroup': 'CacheSubnetGroupName',
  'AWS::EC2::KeyPair': 'KeyName',
};

function requireFromRepo(name) {
  return require(require.resolve(name, { paths: [repoRoot] }));
}

/**
 * The property that names the resource: a string property whose change replaces the resource, called
 * <Resource>Name (ClusterName, LogGroupName, RepositoryName, ServiceName), <Resource>Identifier
 * (DBInstanceIdentifier) or Name (a load balancer's or target group's Name), else an override above.
 * A task definition's Family is none of these: a task definition is a revision, not a named resource.
 */
function customNameProperty(resource) {
  const override = CUSTOM_NAME_OVERRIDES[resource.cloudFormationType];
  if (override) {
    if (!resource.properties[override]) throw new Error(`${resource.cloudFormationType} has no property ${override} (CUSTOM_NAME_OVERRIDES)`);
    return override;
  }
  for (const candidate of [`${resource.name}Name`, `${resource.name}Identifier`, 'Name']) {
    const property = resource.properties[candidate];
    if (property && property.causesReplacement === 'yes' && property.type && property.type.type === 'string') return candidate;
  }
  return null;
}

/** The type definitions a property type refers to (through lists, maps and unions). */
function referencedTypes(type, out = []) {
  if (!type) return out;
  if (type.type === 'ref') out.push(type.reference.$ref);
  if (type.element) referencedTypes(type.element, out);
  if (type.types) type.types.forEach(t => referencedTypes(t, out));
  return out;
}

/** Whether a property nested (any depth) in one of the type definitions may replace the resource. */
function nestedReplaces(db, ids, seen = new Set()) {
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const definition = db.get('typeDefinition', id);
    for (const property of Object.values(definition.properties)) {
      if (property.causesReplacement === 'yes' || property.causesReplacement === 'maybe') return true;
      if (nestedReplaces(db, referencedTypes(property.type), seen)) return true;
    }
  }
  return false;
}

/** The names of the properties one level down in a property (its type definition's; Key and Value of a tag). */
function childNames(db, property) {
  let type = property.type;
  while (type && type.element) type = type.element;
  if (type && type.type === 'tag') return ['Key', 'Value'];
  if (type && type.type === 'ref') return Object.keys(db.get('typeDefinition', type.reference.$ref).properties);
  return null;
}

/** '!' replaces, '?' may replace, '' updates in place. */
function behaviour(db, resource, name, property) {
  if (property.causesReplacement === 'yes') return '!';
  const additional = (resource.additionalReplacementProperties || []).filter(p => p[0] === name);
  if (additional.some(p => p.length === 1)) return '!';
  if (additional.length > 0) {
    const listed = new Set(additional.map(p => (p[1] === '*' ? p[2] : p[1])));
    const children = childNames(db, property);
    return children && children.every(c => listed.has(c)) ? '!' : '?';
  }
  if (property.causesReplacement === 'maybe') return '?';
  return nestedReplaces(db, referencedTypes(property.type)) ? '?' : '';
}

function load() {
  const { loadAwsServiceSpecSync } = requireFromRepo(specPackage);
  const version = requireFromRepo(`${specPackage}/package.json`).version;
  const db = loadAwsServiceSpecSync();
  const lines = [];
  const counts = { types: 0, replaces: 0, conditional: 0, named: 0, stateful: 0 };
  const resources = db.all('resource').slice().sort((a, b) => (a.cloudFormationType < b.cloudFormationType ? -1 : a.cloudFormationType > b.cloudFormationType ? 1 : 0));
  for (const resource of resources) {
    const type = resource.cloudFormationType;
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(type)) throw new Error(`unexpected resource type name "${type}"`);
    const tokens = [type];
    counts.types++;
    if (resource.isStateful) {
      tokens.push('*');
      counts.stateful++;
    }
    const named = customNameProperty(resource);
    if (named) {
      tokens.push(`=${named}`);
      counts.named++;
    }
    for (const name of Object.keys(resource.properties).sort()) {
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`${type}: unexpected property name "${name}"`);
      const mark = behaviour(db, resource, name, resource.properties[name]);
      if (mark) {
        tokens.push(name + mark);
        counts[mark === '!' ? 'replaces' : 'conditional']++;
      }
    }
    lines.push(tokens.join(' '));
  }
  return { version, lines, counts };
}

function render({ version, lines, counts }) {
  const out = [];
  const emit = line => out.push(line);
  emit('// <auto-generated>');
  emit(`// Generated by \`node tools/update-behaviour/generate.js\` from ${specPackage} ${version}`);
  emit('// (the CloudFormation resource database of the AWS CDK). Do not edit by hand: update the package');
  emit('// in package.json, run npm ci and the generator again.');
  emit('// </auto-generated>');
  emit('');
  emit('namespace EcsConstructs.Rules.Data;');
  emit('');
  emit('internal static partial class UpdateBehaviourTable');
  emit('{');
  emit(`    /// <summary>The package and version the table was generated from.</summary>`);
  emit(`    internal const string GeneratedSource = "${specPackage} ${version}";`);
  emit('');
  emit(`    // ${counts.types} resource types; ${counts.replaces} properties replace, ${counts.conditional} may replace;`);
  emit(`    // ${counts.named} types with a custom-name property, ${counts.stateful} stateful types.`);
  emit('    // One line per resource type, sorted ordinally: the type, then "*" (stateful), "=Name" (the custom-name');
  emit('    // property), then each property that does not update in place: "Name!" replaces, "Name?" may replace.');
  emit(`    private const int GeneratedTypeCount = ${counts.types};`);
  emit('');
  emit('    // Where each line starts in GeneratedTable (static data: no scan at first use).');
  emit('    private static ReadOnlySpan<int> GeneratedLineStarts =>');
  emit('    [');
  const starts = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  wrap(starts, '        ', 120).forEach(emit);
  emit('    ];');
  emit('');
  emit('    private const string GeneratedTable = """');
  for (const line of lines) emit(`        ${line}`);
  emit('        """;');
  emit('}');
  return out.join('\n') + '\n';
}

function main(argv) {
  const check = parseCheck(argv, 'tools/update-behaviour/generate.js');
  if (check === null) return 2;
  let data;
  try {
    data = load();
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') {
      console.error(`${specPackage} is not installed: run npm ci in the repository first (${error.message.split('\n')[0]})`);
      return 1;
    }
    throw error;
  }
  return writeOrCheck({
    outputFile,
    text: render(data),
    check,
    stale: relative => `${relative} is not up to date with ${specPackage} ${data.version}: run node tools/update-behaviour/generate.js`,
    upToDate: relative => `${relative} is up to date (${specPackage} ${data.version}).`,
    wrote: relative => `wrote ${relative} (${data.counts.types} resource types from ${specPackage} ${data.version})`,
  });
}

process.exitCode = main(process.argv.slice(2));
