// Validates docker/k8s/*.yaml offline: every object against the Kubernetes OpenAPI schemas
// (kubernetes-models), then for unknown fields against its TypeScript interface, then the wiring
// between them (selectors, ports, probes, targets).
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const yaml = require('js-yaml');

const dir = join(__dirname, '..', 'docker', 'k8s');
const problems = [];
const objects = [];

for (const file of readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()) {
  const docs = yaml.loadAll(readFileSync(join(dir, file), 'utf8')).filter(Boolean);
  for (const doc of docs) {
    const where = `${file}: ${doc.kind}/${doc.metadata && doc.metadata.name}`;
    const [group, version] = doc.apiVersion.includes('/')
      ? doc.apiVersion.split('/')
      : [undefined, doc.apiVersion];
    const modulePath = ['kubernetes-models', group, version, doc.kind].filter(Boolean).join('/');
    let Model;
    try {
      Model = require(modulePath)[doc.kind];
    } catch {
      problems.push(`${where}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
    objects.push({ file, doc, where });
  }
}

checkUnknownFields();

/**
 * The schema validation above lets unknown fields through (a misspelt `readinesProbe` would pass and
 * be dropped by the API server). kubernetes-models also ships TypeScript interfaces of every object;
 * assigning each manifest, as an object literal, to its interface makes the compiler reject any
 * field the interface does not have, at any depth. The source is generated in memory.
 */
function checkUnknownFields() {
  const ts = require('typescript');
  const virtual = join(dir, '__manifests__.ts');
  const chunks = [];
  const spans = [];
  let line = 0;
  objects.forEach(({ doc, where }, i) => {
    const [group, version] = doc.apiVersion.includes('/')
      ? doc.apiVersion.split('/')
      : [undefined, doc.apiVersion];
    const modulePath = ['kubernetes-models', group, version, doc.kind].filter(Boolean).join('/');
    const text = [
      `import type { I${doc.kind} as T${i} } from '${modulePath}';`,
      `export const o${i}: T${i} = ${JSON.stringify(doc, null, 2)};`,
    ].join('\n');
    const lines = text.split('\n').length;
    spans.push({ where, from: line, to: line + lines });
    line += lines;
    chunks.push(text);
  });
  const source = chunks.join('\n');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, ...rest) =>
    name === virtual
      ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022, true)
      : getSourceFile.call(host, name, ...rest);
  host.fileExists = (name) => name === virtual || fileExists.call(host, name);
  host.readFile = (name) => (name === virtual ? source : readFile.call(host, name));
  const program = ts.createProgram([virtual], options, host);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const at =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
        : -1;
    const span = spans.find((s) => at >= s.from && at < s.to);
    problems.push(
      `${span ? span.where : 'manifests'}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
    );
  }
}

const find = (kind) => objects.filter((o) => o.doc.kind === kind);
const matches = (selector, labels) =>
  Object.entries(selector || {}).every(([key, value]) => labels && labels[key] === value);

const deployments = find('Deployment');
if (deployments.length !== 1) problems.push(`expected one Deployment, found ${deployments.length}`);
for (const { doc, where } of deployments) {
  const labels = doc.spec.template.metadata.labels;
  if (!matches(doc.spec.selector.matchLabels, labels))
    problems.push(`${where}: selector does not match the pod labels`);
  for (const container of doc.spec.template.spec.containers) {
    const ports = (container.ports || []).map((p) => p.name);
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const http = container[probe] && container[probe].httpGet;
      if (!http) problems.push(`${where}: ${container.name} has no ${probe}`);
      else if (typeof http.port === 'string' && !ports.includes(http.port))
        problems.push(`${where}: ${probe} port ${http.port} is not a container port`);
    }
    if (container.livenessProbe && container.livenessProbe.httpGet.path !== '/health/live')
      problems.push(`${where}: liveness must use /health/live (it must not depend on Redis)`);
    if (container.readinessProbe && container.readinessProbe.httpGet.path !== '/health/ready')
      problems.push(`${where}: readiness must use /health/ready`);
    const limits = (container.resources && container.resources.limits) || {};
    if (!limits.cpu || !limits.memory)
      problems.push(`${where}: ${container.name} needs cpu and memory limits`);
  }
  for (const { doc: pdb, where: w } of find('PodDisruptionBudget')) {
    if (!matches(pdb.spec.selector.matchLabels, labels))
      problems.push(`${w}: selector does not match the Deployment's pods`);
  }
  for (const { doc: svc, where: w } of find('Service')) {
    if (!matches(svc.spec.selector, labels))
      problems.push(`${w}: selector does not match the Deployment's pods`);
  }
  for (const { doc: hpa, where: w } of find('HorizontalPodAutoscaler')) {
    const ref = hpa.spec.scaleTargetRef;
    if (ref.kind !== 'Deployment' || ref.name !== doc.metadata.name)
      problems.push(`${w}: does not target the Deployment`);
    if (!(hpa.spec.metrics || []).some((m) => m.type === 'Resource' && m.resource.name === 'cpu'))
      problems.push(`${w}: no CPU metric`);
  }
  const configMaps = new Set(find('ConfigMap').map((o) => o.doc.metadata.name));
  for (const container of doc.spec.template.spec.containers) {
    for (const source of container.envFrom || []) {
      if (source.configMapRef && !configMaps.has(source.configMapRef.name))
        problems.push(`${where}: ConfigMap ${source.configMapRef.name} is not defined here`);
    }
  }
}
for (const kind of ['Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ConfigMap']) {
  if (find(kind).length === 0) problems.push(`no ${kind} in docker/k8s`);
}

if (problems.length > 0) {
  console.error(`docker/k8s is not valid:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `docker/k8s is valid (${objects.length} objects: ${objects.map((o) => o.doc.kind).join(', ')})`,
);
