// Reading workloads: the pod template of each workload kind, its containers, volumes and
// security contexts.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"

#include <algorithm>
#include <set>
#include <utility>

namespace bulkhead::kubernetes {

void KubernetesImporter::readWorkload(const YamlFields &top, const YamlFields &metadata,
                                      const KindInfo &info, Origin origin, const std::string &ns)
{
    Workload workload;
    workload.origin = std::move(origin);
    workload.kind = info.kind;
    workload.kindName = std::string(info.name);
    workload.name = metadata.text("name", metadata.text("generateName", "") + "*");
    workload.ns = ns;
    for (const YamlFields &owner : metadata.objects("ownerReferences", ownerReferenceKeys))
        if (owner.boolean("controller").value_or(false))
            workload.controller = OwnerRef{owner.text("kind", ""), owner.text("name", "")};

    YamlFields podSpec(top.context(), nullptr, "spec");
    std::vector<std::string> claims;
    YamlFields podMetadata(top.context(), nullptr, "metadata");
    auto fromTemplate = [&](const YamlFields &spec) {
        const YamlFields podTemplate = spec.object("template", templateKeys);
        if (!podTemplate.present())
            failAt(top.context(), spec.present() ? spec.node() : top.node(),
                   spec.pathOf("template"), "missing");
        podMetadata = podTemplate.object("metadata", metadataKeys);
        podSpec = podTemplate.object("spec", podSpecKeys);
        readSelector(spec.object("selector", selectorKeys));
    };
    // replicas is an int32 in the API.
    auto noteReplicas = [&](const YamlFields &spec) {
        if (const auto replicas = spec.integer("replicas", 0, 2147483647))
            workload.notes.push_back("Runs " + std::to_string(*replicas)
                                     + (*replicas == 1 ? " replica." : " replicas."));
    };
    switch (info.kind) {
    case Kind::Pod:
        podMetadata = metadata;
        podSpec = top.object("spec", podSpecKeys);
        break;
    case Kind::Deployment: {
        const YamlFields spec = top.object("spec", deploymentSpecKeys);
        fromTemplate(spec);
        noteReplicas(spec);
        break;
    }
    case Kind::StatefulSet: {
        const YamlFields spec = top.object("spec", statefulSetSpecKeys);
        fromTemplate(spec);
        noteReplicas(spec);
        for (const auto &[item, path] : spec.items("volumeClaimTemplates")) {
            const YamlFields claim = YamlFields::check(
                top.context(), *item, path, {"apiVersion", "kind", "metadata", "spec", "status"});
            claims.push_back(claim.object("metadata", metadataKeys).text("name", "?"));
        }
        if (!claims.empty())
            workload.notes.push_back("Claims a persistent volume per replica: " + joined(claims)
                                     + ".");
        break;
    }
    case Kind::DaemonSet:
        fromTemplate(top.object("spec", daemonSetSpecKeys));
        workload.notes.push_back("Runs one pod on every node.");
        break;
    case Kind::ReplicaSet: {
        const YamlFields spec = top.object("spec", replicaSetSpecKeys);
        fromTemplate(spec);
        noteReplicas(spec);
        break;
    }
    case Kind::Job:
        fromTemplate(top.object("spec", jobSpecKeys));
        workload.notes.push_back("Runs to completion.");
        break;
    case Kind::CronJob: {
        const YamlFields spec = top.object("spec", cronJobSpecKeys);
        const YamlFields jobTemplate = spec.object("jobTemplate", templateKeys);
        if (!jobTemplate.present())
            failAt(top.context(), spec.present() ? spec.node() : top.node(),
                   spec.pathOf("jobTemplate"), "missing");
        jobTemplate.object("metadata", metadataKeys);
        fromTemplate(jobTemplate.object("spec", jobSpecKeys));
        if (const auto schedule = spec.text("schedule"))
            workload.notes.push_back("Runs on the schedule \"" + *schedule + "\".");
        break;
    }
    default:
        break;
    }
    if (!podSpec.present())
        failAt(top.context(), top.node(), podSpec.path(), "missing");
    workload.labels = podMetadata.textMap("labels");
    workload.pod = readPodSpec(podSpec, claims);
    workload.pod.annotations = podMetadata.textMap("annotations");
    m_workloads.push_back(std::move(workload));
}

SecurityContext KubernetesImporter::readSecurityContext(const YamlFields &fields,
                                                        bool containerLevel) const
{
    SecurityContext security;
    if (!fields.present())
        return security;
    security.runAsNonRoot = fields.boolean("runAsNonRoot");
    security.runAsUser = fields.integer("runAsUser", 0, 2147483647);
    fields.integer("runAsGroup", 0, 2147483647);
    auto profile = [&](std::string_view key, bool seccomp) -> std::optional<std::string> {
        const YamlFields p = fields.object(key, profileKeys);
        if (!p.present())
            return std::nullopt;
        const auto type = p.choice("type", {"RuntimeDefault", "Localhost", "Unconfined"});
        if (!type)
            failAt(fields.context(), p.node(), p.pathOf("type"), "missing");
        if (*type == "RuntimeDefault")
            return std::string("runtimeDefault");
        if (*type == "Localhost")
            return std::string(seccomp ? "localhost" : "custom");
        return std::string("unconfined");
    };
    security.seccomp = profile("seccompProfile", true);
    security.appArmor = profile("appArmorProfile", false);
    const YamlFields windows = fields.object(
        "windowsOptions",
        {"gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName", "hostProcess"});
    security.hostProcess = windows.boolean("hostProcess");
    if (containerLevel) {
        security.privileged = fields.boolean("privileged");
        security.allowPrivilegeEscalation = fields.boolean("allowPrivilegeEscalation");
        security.readOnlyRootFilesystem = fields.boolean("readOnlyRootFilesystem");
        const YamlFields capabilities = fields.object("capabilities", capabilitiesKeys);
        if (capabilities.has("add"))
            security.capabilitiesAdded = capabilities.texts("add");
        if (capabilities.has("drop"))
            security.capabilitiesDropped = capabilities.texts("drop");
        fields.choice("procMount", {"Default", "Unmasked"});
    }
    return security;
}

Volume KubernetesImporter::readVolume(const YamlFields &fields) const
{
    Volume volume;
    volume.name = fields.text("name", "");
    if (volume.name.empty())
        failAt(fields.context(), fields.node(), fields.pathOf("name"), "missing");
    volume.type = "other";
    for (const auto &[key, value] : fields.node().entries)
        if (key != "name" && !value.isNull())
            volume.type = key;
    if (const YamlFields hostPath = fields.object("hostPath", hostPathKeys); hostPath.present()) {
        volume.type = "hostPath";
        volume.hostPath = hostPath.text("path", "");
        if (volume.hostPath.empty())
            failAt(fields.context(), hostPath.node(), hostPath.pathOf("path"), "missing");
        volume.hostPathType = hostPath
                                  .choice("type",
                                          {"", "DirectoryOrCreate", "Directory", "FileOrCreate",
                                           "File", "Socket", "CharDevice", "BlockDevice"})
                                  .value_or("");
    }
    if (const YamlFields secret = fields.object("secret", secretVolumeKeys); secret.present())
        volume.secrets.push_back(secret.text("secretName", "?"));
    if (const YamlFields configMap = fields.object("configMap", configMapVolumeKeys);
        configMap.present())
        volume.configMaps.push_back(configMap.text("name", "?"));
    if (const YamlFields claim = fields.object("persistentVolumeClaim", claimKeys); claim.present())
        volume.claim = claim.text("claimName", "?");
    if (const YamlFields projected = fields.object("projected", projectedKeys);
        projected.present()) {
        for (const YamlFields &source : projected.objects("sources", projectionKeys)) {
            if (const YamlFields secret = source.object("secret", projectedItemKeys);
                secret.present())
                volume.secrets.push_back(secret.text("name", "?"));
            if (const YamlFields configMap = source.object("configMap", projectedItemKeys);
                configMap.present())
                volume.configMaps.push_back(configMap.text("name", "?"));
            if (const YamlFields token = source.object("serviceAccountToken",
                                                       {"audience", "expirationSeconds", "path"});
                token.present()) {
                volume.serviceAccountToken = true;
                token.text("audience");
                token.integer("expirationSeconds", 600, std::int64_t(1) << 32);
            }
        }
    }
    return volume;
}

Container KubernetesImporter::readContainer(const YamlFields &fields, bool init,
                                            const std::set<std::string> &volumes) const
{
    Container container;
    container.init = init;
    container.line = fields.line();
    container.name = fields.text("name", "");
    if (container.name.empty())
        failAt(fields.context(), fields.node(), fields.pathOf("name"), "missing");
    container.image = fields.text("image", "");
    container.pullPolicy = fields.choice("imagePullPolicy", {"Always", "IfNotPresent", "Never"});
    container.sidecar = init
                        && fields.choice("restartPolicy", {"Always", "OnFailure", "Never"})
                               == "Always";
    container.security = readSecurityContext(
        fields.object("securityContext", containerSecurityKeys), true);
    for (const YamlFields &port : fields.objects("ports", containerPortKeys)) {
        ContainerPort p;
        p.name = port.text("name", "");
        const auto number = port.integer("containerPort", 1, 65535);
        if (!number)
            failAt(fields.context(), port.node(), port.pathOf("containerPort"), "missing");
        p.containerPort = *number;
        p.hostPort = port.integer("hostPort", 0, 65535).value_or(0);
        p.hostIP = port.text("hostIP", "");
        p.protocol = port.choice("protocol", protocols).value_or("TCP");
        container.ports.push_back(p);
    }
    for (const YamlFields &mount : fields.objects("volumeMounts", volumeMountKeys)) {
        VolumeMount m;
        m.volume = mount.text("name", "");
        if (!volumes.count(m.volume))
            failAt(fields.context(), mount.has("name") ? *mount.value("name") : mount.node(),
                   mount.pathOf("name"), "no volume of the pod is named \"" + m.volume + "\"");
        m.mountPath = mount.text("mountPath", "");
        m.readOnly = mount.boolean("readOnly").value_or(false);
        m.propagation = mount
                            .choice("mountPropagation",
                                    {"None", "HostToContainer", "Bidirectional"})
                            .value_or("None");
        container.mounts.push_back(m);
    }
    const YamlFields resources = fields.object("resources", resourcesKeys);
    const Labels limits = resources.textMap("limits");
    resources.textMap("requests");
    auto limit = [&](const char *name) {
        const auto it = limits.find(name);
        return it == limits.end() ? std::string() : it->second;
    };
    container.memoryLimit = limit("memory");
    container.cpuLimit = limit("cpu");
    container.storageLimit = limit("ephemeral-storage");
    container.probes = fields.has("livenessProbe") || fields.has("readinessProbe")
                       || fields.has("startupProbe");

    for (const YamlFields &env : fields.objects("env", envKeys)) {
        const std::string variable = env.text("name", "");
        if (variable.empty())
            failAt(fields.context(), env.node(), env.pathOf("name"), "missing");
        // The value is compared in memory by the credential checks: it is never copied anywhere.
        EnvEntry &entry = container.environment.emplace_back();
        entry.name = variable;
        entry.line = env.line();
        if (env.has("value")) {
            entry.value = env.text("value");
            if (looksSecret(variable))
                container.literalSecrets.push_back(variable);
        }
        const YamlFields source = env.object("valueFrom", envSourceKeys);
        if (const YamlFields secret = source.object("secretKeyRef", keyRefKeys); secret.present()) {
            container.secretEnv.emplace_back(variable, secret.text("name", "?"));
            entry.secret = secret.text("name", "?");
            entry.key = secret.text("key", "");
        }
        if (const YamlFields configMap = source.object("configMapKeyRef", keyRefKeys);
            configMap.present()) {
            const std::string name = configMap.text("name", "?");
            entry.configMap = name;
            entry.key = configMap.text("key", "");
            container.configMapEnv.push_back(name);
            if (looksSecret(variable))
                container.secretLookingFromConfigMap.emplace_back(variable, name);
        }
    }
    for (const YamlFields &envFrom : fields.objects("envFrom", envFromKeys)) {
        EnvEntry &entry = container.environment.emplace_back();
        entry.name = envFrom.text("prefix", "");
        entry.line = envFrom.line();
        entry.wholeObject = true;
        if (const YamlFields secret = envFrom.object("secretRef", nameRefKeys); secret.present()) {
            container.secretEnv.emplace_back("envFrom", secret.text("name", "?"));
            entry.secret = secret.text("name", "?");
        }
        if (const YamlFields configMap = envFrom.object("configMapRef", nameRefKeys);
            configMap.present()) {
            container.configMapEnv.push_back(configMap.text("name", "?"));
            entry.configMap = configMap.text("name", "?");
        }
    }
    container.arguments = fields.texts("command");
    container.entrypointReplaced = !container.arguments.empty();
    for (std::string &argument : fields.texts("args"))
        container.arguments.push_back(std::move(argument));
    return container;
}

PodSpec KubernetesImporter::readPodSpec(const YamlFields &spec,
                                        const std::vector<std::string> &claimTemplates) const
{
    PodSpec pod;
    std::set<std::string> volumeNames;
    // A StatefulSet's volumeClaimTemplates are volumes of its pods too.
    for (const std::string &claim : claimTemplates) {
        Volume volume;
        volume.name = claim;
        volume.type = "persistentVolumeClaim";
        volume.claim = claim + " (one per replica)";
        pod.volumes.push_back(volume);
        volumeNames.insert(claim);
    }
    std::set<std::string> templateVolumes;
    for (const YamlFields &fields : spec.objects("volumes", volumeKeys)) {
        Volume volume = readVolume(fields);
        if (!templateVolumes.insert(volume.name).second)
            failAt(spec.context(), fields.node(), fields.path(),
                   "a second volume named \"" + volume.name + "\"");
        // The StatefulSet controller puts the claim in place of a volume of the same name.
        if (std::find(claimTemplates.begin(), claimTemplates.end(), volume.name)
            != claimTemplates.end())
            continue;
        volumeNames.insert(volume.name);
        pod.volumes.push_back(std::move(volume));
    }
    for (const YamlFields &container : spec.objects("initContainers", containerKeys))
        pod.containers.push_back(readContainer(container, true, volumeNames));
    const auto containers = spec.objects("containers", containerKeys);
    if (containers.empty())
        failAt(spec.context(), spec.node(), spec.pathOf("containers"),
               "a pod needs at least one container");
    for (const YamlFields &container : containers)
        pod.containers.push_back(readContainer(container, false, volumeNames));
    // Ephemeral (debug) containers are not mapped, but their settings are read to be flagged.
    for (const YamlFields &container : spec.objects("ephemeralContainers", ephemeralContainerKeys))
        pod.ephemeralContainers.push_back(readContainer(container, false, volumeNames));
    std::set<std::string> names;
    for (const Container &c : pod.containers)
        if (!names.insert(c.name).second)
            failAt(spec.context(), spec.node(), spec.path(),
                   "two containers are named \"" + c.name + "\"");
    pod.security = readSecurityContext(spec.object("securityContext", podSecurityKeys), false);
    pod.hostNetwork = spec.boolean("hostNetwork").value_or(false);
    pod.hostPID = spec.boolean("hostPID").value_or(false);
    pod.hostIPC = spec.boolean("hostIPC").value_or(false);
    pod.hostUsers = spec.boolean("hostUsers");
    pod.automountToken = spec.boolean("automountServiceAccountToken");
    spec.boolean("shareProcessNamespace");
    pod.serviceAccount = spec.text("serviceAccountName", spec.text("serviceAccount", "default"));
    pod.restartPolicy = spec.choice("restartPolicy", {"Always", "OnFailure", "Never"});
    pod.runtimeClass = spec.text("runtimeClassName", "");
    return pod;
}

LabelSelector KubernetesImporter::readSelector(const YamlFields &fields) const
{
    LabelSelector selector;
    selector.matchLabels = fields.textMap("matchLabels");
    for (const YamlFields &e : fields.objects("matchExpressions", expressionKeys)) {
        LabelSelector::Expression expression;
        expression.key = e.text("key", "");
        const auto op = e.choice("operator", {"In", "NotIn", "Exists", "DoesNotExist"});
        if (!op)
            failAt(fields.context(), e.node(), e.pathOf("operator"), "missing");
        expression.op = *op;
        expression.values = e.texts("values");
        selector.expressions.push_back(expression);
    }
    return selector;
}

} // namespace bulkhead::kubernetes
