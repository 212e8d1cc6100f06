// Building the model: one container element per container of a mapped workload, with its pod's
// and its own security settings, and the findings they bring. The steps run in a fixed order:
// element ids and the order of findings on one line depend on it.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"

#include "import/deployedrole.h"
#include "import/importsupport.h"

#include <algorithm>
#include <set>

namespace bulkhead::kubernetes {

/** One container element while it is being filled, and what its steps tell the later ones. */
struct KubernetesImporter::ContainerBuild
{
    Workload &workload;
    std::size_t workloadIndex;
    std::size_t containerIndex;
    const Container &container;
    Origin origin;
    std::string name;
    PropertyMap &p;
    std::vector<std::string> volumeNotes;
    bool readsUnimportedConfigMap = false;
    bool credsInConfig = false;

    const PodSpec &pod() const { return workload.pod; }
};

void KubernetesImporter::addContainers(Workload &workload, std::size_t index)
{
    const PodSpec &pod = workload.pod;
    std::vector<std::string> names;
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        const Container &container = pod.containers[c];
        const std::string name = containerName(workload, container);
        names.push_back(name);
        Element element;
        element.id = m_builder.makeId(
            pod.containers.size() == 1 ? workload.name : workload.name + "-" + container.name);
        element.kind = "container";
        element.name = name;
        element.boundary = m_namespaceIds.at(workload.ns);
        const Origin origin{workload.origin.file, container.line, workload.origin.label};
        ContainerBuild build{workload,           index, c,     container, origin, name,
                             element.properties, {},    false, false};
        addContainerSecurity(build);
        addContainerVolumes(build);
        addContainerPorts(build);
        addContainerRuntime(build);
        addContainerIdentity(build);
        addContainerSecrets(build);
        addContainerExposure(build);
        addContainerNotes(build);
        if (const auto role = container.image.empty()
                                  ? std::nullopt
                                  : wellKnownImage(container.image, m_catalog->images())) {
            if (deployWellKnownRole(element, *role, *m_catalog))
                mapped(origin, name + " → " + deployedRoleText(*role, container.image));
            else
                applyImageProperties(container, origin, *role, element);
            applyImageDefaults(container, origin, *role, element.kind, element.properties);
        }
        workload.elementIds.push_back(element.id);
        m_builder.addElement(element);
    }
    flagEphemeralContainers(workload);
    mapped(workload.origin,
           workload.origin.label + " → "
               + (names.size() == 1 ? "container " : std::to_string(names.size()) + " containers: ")
               + joined(names));
}

void KubernetesImporter::addContainerSecurity(ContainerBuild &b)
{
    PropertyMap &p = b.p;
    const PodSpec &pod = b.pod();
    p["platform"] = std::string("kubernetes");
    p["namespace"] = b.workload.ns;
    if (!b.container.image.empty()) {
        setImageProperties(p, b.container.image, false, m_catalog->images());
    } else {
        skipped(b.origin, b.name + ": no image given");
    }
    // The container's securityContext overrides the pod's.
    const SecurityContext &cs = b.container.security;
    const SecurityContext &ps = pod.security;
    const auto nonRoot = cs.runAsNonRoot ? cs.runAsNonRoot : ps.runAsNonRoot;
    p["runAsNonRoot"] = tri(nonRoot.value_or(false));
    if (const auto user = cs.runAsUser ? cs.runAsUser : ps.runAsUser) {
        p["runAsUser"] = std::to_string(*user);
        if (*user == 0)
            flagged(b.origin, b.name + ": runs as user 0 (root)");
    }
    // A Windows HostProcess container is a process on the node: as good as privileged.
    const bool hostProcess = cs.hostProcess ? *cs.hostProcess : ps.hostProcess.value_or(false);
    const bool privileged = cs.privileged.value_or(false) || hostProcess;
    p["privileged"] = privileged;
    if (cs.privileged.value_or(false))
        flagged(b.origin, b.name + ": " + privilegedFinding);
    if (hostProcess)
        flagged(b.origin, b.name + ": " + hostProcessFinding);
    p["allowPrivilegeEscalation"] = tri(privileged || cs.allowPrivilegeEscalation.value_or(true));
    bool dropAll = false;
    StringList dropped;
    for (const std::string &cap : cs.capabilitiesDropped.value_or(std::vector<std::string>{})) {
        if (cap == "ALL" || cap == "all")
            dropAll = true;
        else
            dropped.push_back(cap);
    }
    p["capDropAll"] = dropAll;
    p["capabilitiesDropped"] = dropped;
    const StringList added = cs.capabilitiesAdded.value_or(std::vector<std::string>{});
    p["capabilitiesAdded"] = added;
    if (!added.empty())
        flagged(b.origin, b.name + ": adds the capabilities " + joined(added));
    p["readOnlyRootFilesystem"] = cs.readOnlyRootFilesystem.value_or(false);
    p["seccompProfile"] = cs.seccomp   ? *cs.seccomp
                          : ps.seccomp ? *ps.seccomp
                                       : std::string("unconfined");
    if (const auto appArmor = appArmorProfile(pod, b.container))
        p["appArmor"] = *appArmor;
    p["hostNetwork"] = pod.hostNetwork;
    p["hostPID"] = pod.hostPID;
    p["hostIPC"] = pod.hostIPC;
    if (pod.hostUsers)
        p["hostUsers"] = *pod.hostUsers;
    if (!pod.runtimeClass.empty())
        p["runtimeClass"] = runtimeClassValue(pod.runtimeClass);
}

void KubernetesImporter::addContainerVolumes(ContainerBuild &b)
{
    // Volumes: host paths, Secrets and ConfigMaps.
    PropertyMap &p = b.p;
    p["hostPathMounts"] = StringList{};
    std::string propagation = "private";
    for (const VolumeMount &mount : b.container.mounts) {
        const Volume *volume = b.pod().volume(mount.volume);
        if (!volume)
            continue; // refused while reading
        if (mount.propagation == "Bidirectional")
            propagation = "bidirectional";
        else if (mount.propagation == "HostToContainer" && propagation == "private")
            propagation = "hostToContainer";
        if (volume->type == "hostPath") {
            // As the kernel resolves it, so that "/etc/" and "//etc" are "/etc" to the rules too.
            appendUnique(p, "hostPathMounts",
                         normaliseHostPath(volume->hostPath) + (mount.readOnly ? ":ro" : ""));
            flagged(b.origin, b.name + ": " + hostPathFinding(*volume, mount));
        }
        for (const std::string &secret : volume->secrets)
            b.volumeNotes.push_back("Secret " + secret + " as files at " + mount.mountPath);
        for (const std::string &configMap : volume->configMaps) {
            b.volumeNotes.push_back("ConfigMap " + configMap + " as files at " + mount.mountPath);
            const auto it = m_configMaps.find({b.workload.ns, configMap});
            if (it == m_configMaps.end())
                b.readsUnimportedConfigMap = true;
            else if (!it->second.secretLookingKeys.empty())
                b.credsInConfig = true;
        }
        if (!volume->claim.empty())
            b.volumeNotes.push_back("persistent volume claim " + volume->claim + " at "
                                    + mount.mountPath);
    }
    if (propagation != "private")
        p["mountPropagation"] = propagation;
}

void KubernetesImporter::addContainerPorts(ContainerBuild &b)
{
    // Ports: hostPort entries and hostNetwork ports are published on the node.
    PropertyMap &p = b.p;
    const PodSpec &pod = b.pod();
    for (const std::string &port : b.container.servicePorts)
        appendUnique(p, "requiredPorts", port);
    for (const ContainerPort &port : b.container.ports) {
        appendUnique(p, "requiredPorts", portText(port.containerPort, port.protocol));
        const std::int64_t hostPort = port.hostPort     ? port.hostPort
                                      : pod.hostNetwork ? port.containerPort
                                                        : 0;
        if (hostPort) {
            appendUnique(p, "publishedPorts",
                         (port.hostIP.empty() ? std::string("0.0.0.0") : port.hostIP) + ":"
                             + std::to_string(hostPort) + "->"
                             + portText(port.containerPort, port.protocol));
        }
    }
    if (pod.hostNetwork)
        flagged(b.origin, b.name + ": hostNetwork: true — shares the node's network namespace");
    if (pod.hostPID)
        flagged(b.origin, b.name + ": hostPID: true — sees and can signal the node's processes");
    if (pod.hostIPC)
        flagged(b.origin, b.name + ": hostIPC: true — shares the node's IPC namespace");
    for (const ContainerPort &port : b.container.ports)
        if (port.hostPort)
            flagged(b.origin, b.name + ": hostPort " + std::to_string(port.hostPort) + " opens "
                                  + portText(port.containerPort, port.protocol) + " on the node");
    // Node ports of NodePort and LoadBalancer Services are open on every node too.
    std::set<std::string> nodePorts;
    if (const auto it = m_exposuresOf.find({b.workloadIndex, b.containerIndex});
        it != m_exposuresOf.end())
        for (const std::size_t i : it->second)
            if (const Exposure &e = m_exposures[i];
                !e.nodePort.empty()
                && nodePorts.insert("0.0.0.0:" + e.nodePort + "->" + portText(e.port, e.l4)).second)
                appendUnique(p, "publishedPorts",
                             "0.0.0.0:" + e.nodePort + "->" + portText(e.port, e.l4));
}

void KubernetesImporter::addContainerRuntime(ContainerBuild &b)
{
    PropertyMap &p = b.p;
    const Container &container = b.container;
    if (!container.memoryLimit.empty())
        p["memoryLimit"] = container.memoryLimit;
    if (!container.cpuLimit.empty())
        p["cpuLimit"] = container.cpuLimit;
    if (!container.storageLimit.empty())
        p["ephemeralStorageLimit"] = container.storageLimit;
    p["healthcheckDefined"] = container.probes;
    if (const auto policy = container.sidecar ? std::optional<std::string>("Always")
                                              : b.pod().restartPolicy) {
        p["restartPolicy"] = std::string(*policy == "Always"      ? "always"
                                         : *policy == "OnFailure" ? "onFailure"
                                                                  : "no");
    } else if (b.workload.kind != Kind::Job && b.workload.kind != Kind::CronJob) {
        p["restartPolicy"] = std::string("always");
    }
    p["imagePullPolicy"] = imagePullPolicyValue(container);
    if (!container.longRunning())
        p["initContainer"] = true; // a step of its pod's workload, not a workload of its own
    const bool job = b.workload.kind == Kind::Job || b.workload.kind == Kind::CronJob;
    if (job || !container.longRunning()) {
        // The label reads "CronJob ns/name": its first word is the workload's kind.
        const std::string &label = b.workload.origin.label;
        const std::string why = job ? "a " + label.substr(0, label.find(' ')) + "'s container"
                                    : std::string("an init container");
        p["oneShot"] = true;
        mapped(b.origin, b.name + ": runs to completion and exits (" + why + "): oneShot yes");
    }
}

void KubernetesImporter::addContainerIdentity(ContainerBuild &b)
{
    const PodSpec &pod = b.pod();
    const std::string &ns = b.workload.ns;
    const auto sa = m_serviceAccounts.find({ns, pod.serviceAccount});
    const bool automount = pod.automountToken ? *pod.automountToken
                           : sa != m_serviceAccounts.end() && sa->second.automountToken
                               ? *sa->second.automountToken
                               : true;
    std::string permission = "none";
    if (const auto it = m_permissions.find({ns, pod.serviceAccount}); it != m_permissions.end())
        permission = permissionName(it->second);
    if (m_unknownPermissions.count({ns, pod.serviceAccount}) && permission != "clusterWide")
        permission = "unknown";
    // A projected serviceAccountToken volume mounts a token whatever automountServiceAccountToken says.
    const bool projectedToken = std::any_of(b.container.mounts.begin(), b.container.mounts.end(),
                                            [&](const VolumeMount &mount) {
                                                const Volume *volume = pod.volume(mount.volume);
                                                return volume && volume->serviceAccountToken;
                                            });
    const bool tokenMounted = automount || projectedToken;
    b.p["serviceAccount"] = pod.serviceAccount;
    b.p["automountSAToken"] = tri(tokenMounted);
    b.p["saPermissions"] = permission;
    // Without any RBAC object in the input, whether a binding names the account stays open.
    // A bound account whose token several containers receive (other workloads on the account,
    // or an init container or sidecar in the same pod) was bound for at least one of them; which
    // of them calls the API is not in the files, so the question stays open for each.
    std::size_t sharing = 0;
    for (const Workload &other : m_workloads)
        if (other.ns == ns && other.pod.serviceAccount == pod.serviceAccount)
            sharing += other.pod.containers.size();
    if (m_boundAccounts.count({ns, pod.serviceAccount}) && sharing > 1)
        mapped(b.origin, b.name + ": ServiceAccount " + ns + "/" + pod.serviceAccount
                             + " is bound, and " + std::to_string(sharing)
                             + " containers of the input receive its token; which of them needs "
                               "the API is not in the files: serviceAccountBound unknown");
    else if (m_boundAccounts.count({ns, pod.serviceAccount}))
        b.p["serviceAccountBound"] = std::string("yes");
    else if (m_rbacInInput)
        b.p["serviceAccountBound"] = std::string("no");
    if (tokenMounted && m_rbacInInput && !m_boundAccounts.count({ns, pod.serviceAccount}))
        mapped(b.origin, b.name + ": mounts the token of ServiceAccount " + ns + "/"
                             + pod.serviceAccount
                             + ", which no RoleBinding or ClusterRoleBinding of the input names: "
                               "serviceAccountBound no");
    if (tokenMounted && permission == "clusterWide")
        flagged(b.origin, b.name + ": mounts the token of ServiceAccount " + ns + "/"
                              + pod.serviceAccount + ", which holds cluster-wide permissions");
}

void KubernetesImporter::addContainerSecrets(ContainerBuild &b)
{
    // Secrets: in the environment is worse than as files.
    const Container &container = b.container;
    bool secretsInEnv = false;
    for (const auto &[variable, secret] : container.secretEnv) {
        secretsInEnv = true;
        flagged(b.origin,
                b.name + ": "
                    + (variable == "envFrom"
                           ? "every key of Secret " + secret + " is put in the environment"
                           : "env " + variable + " takes its value from Secret " + secret)
                    + "; mount it as a file instead");
    }
    for (const std::string &variable : container.literalSecrets) {
        secretsInEnv = true;
        b.credsInConfig = true;
        flagged(b.origin, b.name + ": env " + variable
                              + " is set to a literal value in the manifest (value not imported); "
                                "keep it in a Secret mounted as a file");
    }
    for (const auto &[variable, configMap] : container.secretLookingFromConfigMap) {
        secretsInEnv = true;
        b.credsInConfig = true;
        flagged(b.origin, b.name + ": env " + variable
                              + " looks like a secret but comes from ConfigMap " + configMap);
    }
    for (const std::string &configMap : container.configMapEnv) {
        const auto it = m_configMaps.find({b.workload.ns, configMap});
        if (it == m_configMaps.end()) {
            b.readsUnimportedConfigMap = true;
        } else if (!it->second.secretLookingKeys.empty()) {
            b.credsInConfig = true;
            secretsInEnv = true;
        }
    }
    std::set<std::string> secretsUsed;
    for (const auto &[variable, secret] : container.secretEnv)
        secretsUsed.insert(secret);
    for (const VolumeMount &mount : container.mounts)
        if (const Volume *volume = b.pod().volume(mount.volume))
            secretsUsed.insert(volume->secrets.begin(), volume->secrets.end());
    for (const std::string &secret : secretsUsed)
        if (const auto it = m_secrets.find({b.workload.ns, secret});
            it != m_secrets.end() && it->second.keyCount > 0)
            b.credsInConfig = true;
    if (addContainerCredentials(b.workload, container, b.name, b.p))
        b.credsInConfig = true;
    b.p["secretsInEnv"] = tri(secretsInEnv);
    if (b.credsInConfig)
        b.p["credsInConfig"] = std::string("yes");
    else if (!b.readsUnimportedConfigMap)
        b.p["credsInConfig"] = std::string("no");
}

void KubernetesImporter::addContainerExposure(ContainerBuild &b)
{
    // Egress: limited when a policy isolates the pod's egress and none of the policies that
    // select it opens a way out to everywhere (Kubernetes adds up what they allow).
    bool egressIsolated = false;
    bool egressOpen = false;
    for (const NetworkPolicy &policy : m_policies) {
        if (policy.ns != b.workload.ns || !policy.podSelector.matches(b.workload.labels))
            continue;
        egressIsolated = egressIsolated || policy.egressType;
        egressOpen = egressOpen || policy.opensAll(true);
    }
    b.p["egressRestricted"] = tri(egressIsolated && !egressOpen);
    if (reachableFromInternet(b.workloadIndex, b.containerIndex))
        b.p["acceptsUntrustedInput"] = std::string("yes");
}

void KubernetesImporter::addContainerNotes(ContainerBuild &b)
{
    PropertyMap &p = b.p;
    const Container &container = b.container;
    const Workload &workload = b.workload;
    // Notes: where it comes from, in words that do not depend on the machine.
    std::string from = "From " + workload.kindName + " " + workload.ns + "/" + workload.name;
    if (workload.pod.containers.size() > 1)
        from += ", container " + container.name;
    if (container.sidecar)
        from += " (a sidecar init container: it runs beside the others)";
    else if (container.init)
        from += " (an init container: it runs to completion before the others start)";
    appendNote(p, from + ".");
    for (const std::string &note : workload.notes)
        appendNote(p, note);
    if (!b.volumeNotes.empty())
        appendNote(p, "Mounts " + joined(b.volumeNotes) + ".");
    if (!container.configMapEnv.empty()) {
        std::vector<std::string> unique(container.configMapEnv.begin(),
                                        container.configMapEnv.end());
        std::sort(unique.begin(), unique.end());
        unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
        appendNote(p, "Reads ConfigMap " + joined(unique) + " into its environment.");
    }
}

void KubernetesImporter::flagEphemeralContainers(const Workload &workload)
{
    const PodSpec &pod = workload.pod;
    for (const Container &ephemeral : pod.ephemeralContainers) {
        skipped(workload.origin, workload.origin.label + ": the ephemeral (debug) container "
                                     + ephemeral.name + " is not mapped");
        // Not an element, but it runs in the pod with these settings: say what makes it dangerous.
        const Origin origin{workload.origin.file, ephemeral.line, workload.origin.label};
        const std::string name = workloadName(workload) + ": the ephemeral (debug) container "
                                 + ephemeral.name;
        if (ephemeral.security.privileged.value_or(false))
            flagged(origin, name + ": " + privilegedFinding);
        if (ephemeral.security.hostProcess ? *ephemeral.security.hostProcess
                                           : pod.security.hostProcess.value_or(false))
            flagged(origin, name + ": " + hostProcessFinding);
        if (const auto added = ephemeral.security.capabilitiesAdded.value_or(
                std::vector<std::string>{});
            !added.empty())
            flagged(origin, name + ": adds the capabilities " + joined(added));
        for (const VolumeMount &mount : ephemeral.mounts)
            if (const Volume *volume = pod.volume(mount.volume);
                volume && volume->type == "hostPath")
                flagged(origin, name + ": " + hostPathFinding(*volume, mount));
    }
}

} // namespace bulkhead::kubernetes
