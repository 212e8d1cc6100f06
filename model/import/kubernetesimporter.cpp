#include "kubernetesimporter.h"

#include "importmodelbuilder.h"
#include "importsupport.h"
#include "projectfolder.h"
#include "yamlfields.h"
#include "yamltree.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

namespace bulkhead {

namespace {

namespace fs = std::filesystem;

using Labels = std::map<std::string, std::string>;

/** All input files together; each file is also held to YamlLimits::maxBytes. */
constexpr std::uintmax_t maxTotalBytes = 64u * 1024u * 1024u;
constexpr std::size_t maxFiles = 4096;

// ---------------------------------------------------------------------------------------------
// The field names of the API objects the import reads (Kubernetes 1.33). Fields that the import
// does not interpret are allowed but their contents are not checked.

const KeyList metadataKeys{"name", "generateName", "namespace", "labels", "annotations", "uid", "resourceVersion",
                           "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                           "ownerReferences", "finalizers", "managedFields", "selfLink", "clusterName"};
const KeyList ownerReferenceKeys{"apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"};
const KeyList templateKeys{"metadata", "spec"};
const KeyList deploymentSpecKeys{"replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit",
                                 "paused", "progressDeadlineSeconds", "rollbackTo"};
const KeyList statefulSetSpecKeys{"replicas", "selector", "template", "volumeClaimTemplates", "serviceName",
                                  "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                                  "persistentVolumeClaimRetentionPolicy", "ordinals"};
const KeyList daemonSetSpecKeys{"selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit",
                                "templateGeneration"};
const KeyList replicaSetSpecKeys{"replicas", "minReadySeconds", "selector", "template"};
const KeyList jobSpecKeys{"parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy",
                          "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector",
                          "template", "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy",
                          "managedBy"};
const KeyList cronJobSpecKeys{"schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy", "suspend",
                              "jobTemplate", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"};
const KeyList podSpecKeys{"volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                          "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                          "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName",
                          "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
                          "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations",
                          "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates",
                          "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead",
                          "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers", "schedulingGates",
                          "resourceClaims", "resources", "hostnameOverride"};
const KeyList containerKeys{"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                            "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices",
                            "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                            "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"};
const KeyList ephemeralContainerKeys{"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env",
                                     "resources", "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeMounts",
                                     "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
                                     "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
                                     "securityContext", "stdin", "stdinOnce", "tty", "targetContainerName"};
const KeyList containerSecurityKeys{"capabilities", "privileged", "seLinuxOptions", "windowsOptions", "runAsUser",
                                    "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation",
                                    "procMount", "seccompProfile", "appArmorProfile"};
const KeyList podSecurityKeys{"seLinuxOptions", "windowsOptions", "runAsUser", "runAsGroup", "runAsNonRoot",
                              "supplementalGroups", "supplementalGroupsPolicy", "fsGroup", "sysctls",
                              "fsGroupChangePolicy", "seccompProfile", "appArmorProfile", "seLinuxChangePolicy"};
const KeyList capabilitiesKeys{"add", "drop"};
const KeyList profileKeys{"type", "localhostProfile"};
const KeyList containerPortKeys{"name", "hostPort", "containerPort", "protocol", "hostIP"};
const KeyList envKeys{"name", "value", "valueFrom"};
const KeyList envSourceKeys{"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"};
const KeyList keyRefKeys{"name", "key", "optional"};
const KeyList envFromKeys{"prefix", "configMapRef", "secretRef"};
const KeyList nameRefKeys{"name", "optional"};
const KeyList resourcesKeys{"limits", "requests", "claims"};
const KeyList volumeMountKeys{"name", "readOnly", "recursiveReadOnly", "mountPath", "subPath", "mountPropagation",
                              "subPathExpr"};
const KeyList volumeKeys{"name", "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
                         "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs",
                         "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte",
                         "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
                         "csi", "ephemeral", "image"};
const KeyList hostPathKeys{"path", "type"};
const KeyList secretVolumeKeys{"secretName", "items", "defaultMode", "optional"};
const KeyList configMapVolumeKeys{"name", "items", "defaultMode", "optional"};
const KeyList projectedKeys{"sources", "defaultMode"};
const KeyList projectionKeys{"secret", "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle",
                             "podCertificate"};
const KeyList projectedItemKeys{"name", "items", "optional"};
const KeyList claimKeys{"claimName", "readOnly"};
const KeyList serviceSpecKeys{"type", "selector", "ports", "clusterIP", "clusterIPs", "externalIPs", "sessionAffinity",
                              "loadBalancerIP", "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy",
                              "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies",
                              "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
                              "internalTrafficPolicy", "trafficDistribution"};
const KeyList servicePortKeys{"name", "protocol", "appProtocol", "port", "targetPort", "nodePort"};
const KeyList ingressSpecKeys{"ingressClassName", "defaultBackend", "backend", "tls", "rules"};
const KeyList ingressTlsKeys{"hosts", "secretName"};
const KeyList ingressRuleKeys{"host", "http"};
const KeyList ingressHttpKeys{"paths"};
const KeyList ingressPathKeys{"path", "pathType", "backend"};
const KeyList ingressBackendKeys{"service", "resource", "serviceName", "servicePort"};
const KeyList ingressServiceKeys{"name", "port"};
const KeyList ingressPortKeys{"name", "number"};
const KeyList networkPolicySpecKeys{"podSelector", "policyTypes", "ingress", "egress"};
const KeyList ingressRuleOfPolicyKeys{"from", "ports"};
const KeyList egressRuleOfPolicyKeys{"to", "ports"};
const KeyList peerKeys{"podSelector", "namespaceSelector", "ipBlock"};
const KeyList ipBlockKeys{"cidr", "except"};
const KeyList policyPortKeys{"protocol", "port", "endPort"};
const KeyList selectorKeys{"matchLabels", "matchExpressions"};
const KeyList expressionKeys{"key", "operator", "values"};
const KeyList policyRuleKeys{"apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs"};
const KeyList subjectKeys{"kind", "name", "namespace", "apiGroup"};
const KeyList roleRefKeys{"apiGroup", "kind", "name"};
const KeyList namespaceSpecKeys{"finalizers"};
const KeyList protocols{"TCP", "UDP", "SCTP"};

// ---------------------------------------------------------------------------------------------
// What the import reads, in plain data.

enum class Kind {
    Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
    Service, Ingress, NetworkPolicy, Namespace,
    Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount,
    Secret, ConfigMap, ResourceQuota, LimitRange,
};

struct KindInfo
{
    std::string_view name;
    Kind kind;
    /** API groups that define the kind ("" is the core group, apiVersion "v1"). */
    KeyList groups;
    bool namespaced;
    /** Top-level fields besides apiVersion, kind and metadata. */
    KeyList fields;
};

const std::vector<KindInfo> &kinds()
{
    static const std::vector<KindInfo> table{
        {"Pod", Kind::Pod, {""}, true, {"spec", "status"}},
        {"Deployment", Kind::Deployment, {"apps", "extensions"}, true, {"spec", "status"}},
        {"StatefulSet", Kind::StatefulSet, {"apps"}, true, {"spec", "status"}},
        {"DaemonSet", Kind::DaemonSet, {"apps", "extensions"}, true, {"spec", "status"}},
        {"ReplicaSet", Kind::ReplicaSet, {"apps", "extensions"}, true, {"spec", "status"}},
        {"Job", Kind::Job, {"batch"}, true, {"spec", "status"}},
        {"CronJob", Kind::CronJob, {"batch"}, true, {"spec", "status"}},
        {"Service", Kind::Service, {""}, true, {"spec", "status"}},
        {"Ingress", Kind::Ingress, {"networking.k8s.io", "extensions"}, true, {"spec", "status"}},
        {"NetworkPolicy", Kind::NetworkPolicy, {"networking.k8s.io", "extensions"}, true, {"spec", "status"}},
        {"Namespace", Kind::Namespace, {""}, false, {"spec", "status"}},
        {"Role", Kind::Role, {"rbac.authorization.k8s.io"}, true, {"rules"}},
        {"ClusterRole", Kind::ClusterRole, {"rbac.authorization.k8s.io"}, false, {"rules", "aggregationRule"}},
        {"RoleBinding", Kind::RoleBinding, {"rbac.authorization.k8s.io"}, true, {"subjects", "roleRef"}},
        {"ClusterRoleBinding", Kind::ClusterRoleBinding, {"rbac.authorization.k8s.io"}, false, {"subjects", "roleRef"}},
        {"ServiceAccount", Kind::ServiceAccount, {""}, true, {"automountServiceAccountToken", "secrets", "imagePullSecrets"}},
        {"Secret", Kind::Secret, {""}, true, {"data", "stringData", "type", "immutable"}},
        {"ConfigMap", Kind::ConfigMap, {""}, true, {"data", "binaryData", "immutable"}},
        {"ResourceQuota", Kind::ResourceQuota, {""}, true, {"spec", "status"}},
        {"LimitRange", Kind::LimitRange, {""}, true, {"spec"}},
    };
    return table;
}

/** Why well-known kinds that do not become part of the model are left out. */
std::string skipReason(std::string_view kind)
{
    static const std::map<std::string_view, std::string_view> reasons{
        {"PersistentVolumeClaim", "storage claims are not mapped; the containers note the volumes they mount"},
        {"PersistentVolume", "storage is not mapped; the containers note the volumes they mount"},
        {"StorageClass", "storage is not mapped"},
        {"HorizontalPodAutoscaler", "scaling settings do not change the data flows"},
        {"PodDisruptionBudget", "disruption budgets do not change the data flows"},
        {"PriorityClass", "scheduling settings do not change the data flows"},
        {"Endpoints", "endpoints follow from the Services' selectors"},
        {"EndpointSlice", "endpoints follow from the Services' selectors"},
        {"CustomResourceDefinition", "it defines a new API type; objects of custom kinds are not mapped"},
        {"MutatingWebhookConfiguration", "admission webhooks are cluster configuration, not mapped"},
        {"ValidatingWebhookConfiguration", "admission webhooks are cluster configuration, not mapped"},
        {"ValidatingAdmissionPolicy", "admission policies are cluster configuration, not mapped"},
        {"Node", "nodes are not mapped; add host boundaries by hand"},
        {"Event", "events describe what happened, not the deployment"},
        {"ControllerRevision", "revisions of a controller are not the deployment itself"},
    };
    const auto it = reasons.find(kind);
    return it == reasons.end() ? "not a kind this import maps" : std::string(it->second);
}

/** Where an object or a part of it came from, for the report. */
struct Origin
{
    int file = 0;
    int line = 0;
    /** "Deployment shop/web". */
    std::string label;
};

struct LabelSelector
{
    Labels matchLabels;
    struct Expression
    {
        std::string key;
        std::string op;
        std::vector<std::string> values;
    };
    std::vector<Expression> expressions;

    bool empty() const { return matchLabels.empty() && expressions.empty(); }

    bool matches(const Labels &labels) const
    {
        for (const auto &[key, value] : matchLabels) {
            const auto it = labels.find(key);
            if (it == labels.end() || it->second != value)
                return false;
        }
        for (const Expression &e : expressions) {
            const auto it = labels.find(e.key);
            const bool in = it != labels.end() && std::find(e.values.begin(), e.values.end(), it->second) != e.values.end();
            if ((e.op == "In" && !in) || (e.op == "NotIn" && in) || (e.op == "Exists" && it == labels.end())
                || (e.op == "DoesNotExist" && it != labels.end()))
                return false;
        }
        return true;
    }

    std::string describe() const
    {
        if (empty())
            return "all pods";
        std::string text;
        for (const auto &[key, value] : matchLabels)
            text += (text.empty() ? "" : ", ") + key + "=" + value;
        for (const Expression &e : expressions)
            text += (text.empty() ? "" : ", ") + e.key + " " + e.op;
        return text;
    }
};

struct SecurityContext
{
    std::optional<bool> runAsNonRoot;
    std::optional<std::int64_t> runAsUser;
    std::optional<bool> privileged;
    std::optional<bool> allowPrivilegeEscalation;
    std::optional<bool> readOnlyRootFilesystem;
    std::optional<std::vector<std::string>> capabilitiesAdded;
    std::optional<std::vector<std::string>> capabilitiesDropped;
    /** Model values: runtimeDefault, localhost, unconfined. */
    std::optional<std::string> seccomp;
    /** Model values: runtimeDefault, custom, unconfined. */
    std::optional<std::string> appArmor;
    /** windowsOptions.hostProcess: a process on the Windows node, outside any isolation. */
    std::optional<bool> hostProcess;
};

struct ContainerPort
{
    std::string name;
    std::int64_t containerPort = 0;
    std::int64_t hostPort = 0;
    std::string hostIP;
    std::string protocol = "TCP";
};

struct VolumeMount
{
    std::string volume;
    std::string mountPath;
    bool readOnly = false;
    std::string propagation;
};

struct Container
{
    std::string name;
    std::string image;
    std::optional<std::string> pullPolicy;
    bool init = false;
    /** An init container with restartPolicy Always: it keeps running beside the others. */
    bool sidecar = false;
    int line = 0;
    SecurityContext security;
    std::vector<ContainerPort> ports;
    std::vector<VolumeMount> mounts;
    std::string memoryLimit;
    std::string cpuLimit;
    std::string storageLimit;
    bool probes = false;
    /** Variables with a literal value and a secret-looking name (names only, never values). */
    std::vector<std::string> literalSecrets;
    /** Secrets read into the environment: variable ("envFrom" for a whole Secret) and Secret name. */
    std::vector<std::pair<std::string, std::string>> secretEnv;
    /** ConfigMaps read into the environment. */
    std::vector<std::string> configMapEnv;
    /** Secret-looking variables taken from a ConfigMap: variable and ConfigMap name. */
    std::vector<std::pair<std::string, std::string>> secretLookingFromConfigMap;
    /** "PORT/proto" entries Services send traffic to. */
    std::vector<std::string> servicePorts;

    /** Runs for the pod's lifetime (not an init container that runs to completion first). */
    bool longRunning() const { return !init || sidecar; }
};

struct Volume
{
    std::string name;
    /** hostPath, emptyDir, secret, configMap, persistentVolumeClaim, projected, other… */
    std::string type;
    std::string hostPath;
    std::string hostPathType;
    std::vector<std::string> secrets;
    std::vector<std::string> configMaps;
    std::string claim;
    bool serviceAccountToken = false;
};

struct PodSpec
{
    std::vector<Container> containers;
    std::vector<Container> ephemeralContainers;
    SecurityContext security;
    bool hostNetwork = false;
    bool hostPID = false;
    bool hostIPC = false;
    std::optional<bool> hostUsers;
    std::optional<bool> automountToken;
    std::string serviceAccount = "default";
    std::optional<std::string> restartPolicy;
    std::string runtimeClass;
    std::vector<Volume> volumes;
    Labels annotations;

    const Volume *volume(const std::string &name) const
    {
        for (const Volume &v : volumes)
            if (v.name == name)
                return &v;
        return nullptr;
    }
};

struct OwnerRef
{
    std::string kind;
    std::string name;
};

struct Workload
{
    Origin origin;
    Kind kind = Kind::Pod;
    std::string kindName;
    std::string name;
    std::string ns;
    Labels labels;
    PodSpec pod;
    std::vector<std::string> notes;
    std::optional<OwnerRef> controller;
    bool skipped = false;
    /** Element ids, one per container, once created. */
    std::vector<std::string> elementIds;
};

struct ServicePort
{
    std::string name;
    std::string protocol = "TCP";
    std::string appProtocol;
    std::int64_t port = 0;
    std::optional<std::int64_t> nodePort;
    /** targetPort: a number, a port name, or absent (then it is `port`). */
    std::optional<std::int64_t> targetNumber;
    std::string targetName;
    int line = 0;
};

struct Service
{
    Origin origin;
    std::string name;
    std::string ns;
    std::string type = "ClusterIP";
    Labels selector;
    std::vector<ServicePort> ports;
    std::vector<std::string> externalIPs;
    std::vector<std::string> sourceRanges;
    std::string externalName;
    bool internalLoadBalancer = false;
    bool allocateNodePorts = true;
};

struct IngressBackend
{
    std::string host;
    std::string path;
    std::string service;
    std::optional<std::int64_t> portNumber;
    std::string portName;
    bool resource = false;
    int line = 0;
};

struct Ingress
{
    Origin origin;
    std::string name;
    std::string ns;
    std::string className;
    struct Tls
    {
        std::vector<std::string> hosts;
        std::string secretName;
    };
    std::vector<Tls> tls;
    std::vector<std::string> hosts;
    bool catchAllRule = false;
    std::vector<IngressBackend> backends;
    Labels annotations;
    std::string elementId;
};

struct PolicyPort
{
    std::string protocol = "TCP";
    std::optional<std::int64_t> number;
    std::optional<std::int64_t> endPort;
    std::string name;
};

struct PolicyPeer
{
    std::optional<LabelSelector> pods;
    std::optional<LabelSelector> namespaces;
    std::string cidr;
    std::vector<std::string> except;

    /** An ipBlock of every address, with no exceptions. */
    bool everywhere() const { return (cidr == "0.0.0.0/0" || cidr == "::/0") && except.empty(); }
};

struct PolicyRule
{
    std::vector<PolicyPeer> peers;
    std::vector<PolicyPort> ports;

    /**
     * The rule admits everything: on every port, from (or to) every peer — no peers at all
     * (`{}`, or an empty `from`/`to`), or an ipBlock of every address without exceptions.
     */
    bool opensAll() const
    {
        return ports.empty()
               && (peers.empty() || std::any_of(peers.begin(), peers.end(), [](const PolicyPeer &p) { return p.everywhere(); }));
    }
};

struct NetworkPolicy
{
    Origin origin;
    std::string name;
    std::string ns;
    LabelSelector podSelector;
    bool ingressType = false;
    bool egressType = false;
    std::vector<PolicyRule> ingress;
    std::vector<PolicyRule> egress;

    /** The policy has the type of that direction: it isolates the pods it selects. */
    bool isolates(bool egress) const { return egress ? egressType : ingressType; }

    /** One of its rules of that direction opens traffic from (or to) everywhere on every port. */
    bool opensAll(bool egress) const
    {
        const std::vector<PolicyRule> &rules = egress ? this->egress : ingress;
        return isolates(egress) && std::any_of(rules.begin(), rules.end(), [](const PolicyRule &r) { return r.opensAll(); });
    }
};

struct Role
{
    Origin origin;
    Kind kind = Kind::Role;
    std::string name;
    std::string ns;
    bool wildcard = false;
    bool writes = false;
    /** A ClusterRole with an aggregationRule: the cluster fills in its rules from other roles. */
    bool aggregated = false;
};

struct Subject
{
    std::string kind;
    std::string name;
    std::string ns;
};

struct Binding
{
    Origin origin;
    Kind kind = Kind::RoleBinding;
    std::string name;
    std::string ns;
    std::string roleKind;
    std::string roleName;
    std::vector<Subject> subjects;
};

struct ServiceAccount
{
    Origin origin;
    std::optional<bool> automountToken;
};

struct SecretObject
{
    Origin origin;
    std::size_t keyCount = 0;
};

struct ConfigMapObject
{
    Origin origin;
    /** Keys whose names say they hold a secret (never their values). */
    std::vector<std::string> secretLookingKeys;
};

struct NamespaceObject
{
    Origin origin;
    Labels labels;
};

/** One path of an ingress or service exposure, before the model's flows exist. */
struct Exposure
{
    enum class From { Internet, NodeNetwork, Ingress };
    From from = From::Internet;
    std::size_t ingress = 0;
    std::size_t workload = 0;
    std::size_t container = 0;
    std::int64_t port = 0;
    std::string l4 = "TCP";
    std::string protocol;
    std::string portName;
    std::string name;
    std::string notes;
    /** The node port ("30080", or the range when it is assigned) that is open on every node. */
    std::string nodePort;
};

constexpr const char *hostProcessFinding = "windowsOptions.hostProcess: true — runs as a process on the Windows node, outside "
                                            "container isolation, with the node's files, network and devices: as good as privileged";

/** "10.0.0.0/8", "0.0.0.0/0 except 169.254.169.254/32". */
std::string describeBlock(const PolicyPeer &peer)
{
    return peer.cidr + (peer.except.empty() ? std::string() : " except " + joined(peer.except));
}

std::string portText(std::int64_t port, const std::string &l4) { return std::to_string(port) + "/" + lower(l4); }

/** The flow protocol for a port, from its appProtocol, its name, then its number. */
std::string flowProtocol(std::int64_t port, const std::string &name, const std::string &appProtocol, const std::string &l4)
{
    if (l4 == "UDP")
        return port == 53 ? "dns" : "udp";
    const std::string app = lower(appProtocol);
    if (app == "https" || app == "kubernetes.io/wss")
        return "https";
    if (app == "http" || app == "kubernetes.io/h2c" || app == "kubernetes.io/ws" || app == "http2" || app == "h2c")
        return "http";
    if (app == "grpc")
        return "grpc";
    if (app == "grpcs" || app == "grpc-tls")
        return "grpcTls";
    if (app == "tls")
        return "tls";
    // Istio's convention: the name's first part names the protocol (http-web, grpc-api, …).
    const std::string prefix = lower(name.substr(0, name.find('-')));
    static const std::map<std::string, std::string> byName{
        {"https", "https"}, {"http", "http"},   {"http2", "http"},     {"grpc", "grpc"},     {"grpcs", "grpcTls"},
        {"tls", "tls"},     {"redis", "redis"}, {"postgres", "postgres"}, {"postgresql", "postgres"}, {"mysql", "mysql"},
        {"amqp", "amqp"},   {"kafka", "kafka"}, {"dns", "dns"},        {"ssh", "ssh"},       {"tcp", "tcp"}};
    if (const auto it = byName.find(prefix); it != byName.end())
        return it->second;
    return wellKnownPortProtocol(long(port)).value_or("tcp");
}

/** "yes" for encrypted protocols, "no" for plain ones, nothing when the protocol does not say. */
std::optional<std::string> encryptedBy(const std::string &protocol)
{
    if (protocol == "https" || protocol == "grpcTls" || protocol == "tls" || protocol == "ssh")
        return "yes";
    if (protocol == "http" || protocol == "grpc")
        return "no";
    return std::nullopt;
}

/** Role names Kubernetes defines itself, when the input does not define them. */
std::optional<Role> builtInClusterRole(const std::string &name)
{
    Role role;
    role.kind = Kind::ClusterRole;
    role.name = name;
    if (name == "cluster-admin") {
        role.wildcard = true;
        role.writes = true;
    } else if (name == "admin" || name == "edit") {
        role.writes = true;
    } else if (name != "view") {
        return std::nullopt;
    }
    return role;
}

enum class Permission { None, NamespaceRead, NamespaceWrite, ClusterWide };

const char *permissionName(Permission p)
{
    switch (p) {
    case Permission::None:
        return "none";
    case Permission::NamespaceRead:
        return "namespaceRead";
    case Permission::NamespaceWrite:
        return "namespaceWrite";
    case Permission::ClusterWide:
        return "clusterWide";
    }
    return "unknown";
}

// ---------------------------------------------------------------------------------------------

class KubernetesImporter
{
public:
    Result<ImportResult> run(const std::vector<std::string> &paths);

private:
    // Reading.
    void collectFiles(const std::vector<std::string> &paths);
    void readDocument(const YamlNode &document, int file);
    void readListOrObject(const YamlNode &object, int file, const std::string &path, int depth);
    void readObject(const YamlNode &object, int file, const std::string &listPath);
    void readWorkload(const YamlFields &top, const YamlFields &metadata, const KindInfo &info, Origin origin, const std::string &ns);
    PodSpec readPodSpec(const YamlFields &spec, const std::vector<std::string> &claimTemplates) const;
    Container readContainer(const YamlFields &fields, bool init, const std::set<std::string> &volumes) const;
    SecurityContext readSecurityContext(const YamlFields &fields, bool containerLevel) const;
    Volume readVolume(const YamlFields &fields) const;
    LabelSelector readSelector(const YamlFields &fields) const;
    void readService(const YamlFields &top, Origin origin, const std::string &ns, const Labels &annotations);
    void readIngress(const YamlFields &top, Origin origin, const std::string &ns, const Labels &annotations);
    IngressBackend readIngressBackend(const YamlFields &backend) const;
    void readNetworkPolicy(const YamlFields &top, Origin origin, const std::string &ns);
    std::vector<PolicyRule> readPolicyRules(const YamlFields &spec, std::string_view key, std::string_view peersKey) const;
    void readRole(const YamlFields &top, const KindInfo &info, Origin origin, const std::string &ns);
    void readBinding(const YamlFields &top, const KindInfo &info, Origin origin, const std::string &ns);

    // Building.
    void build();
    void markOwnedObjects();
    void computePermissions();
    void planExposures();
    void addServiceExposures(const Service &service);
    std::vector<std::pair<std::size_t, std::int64_t>> targetsOf(const Workload &workload, const ServicePort &port,
                                                                const Origin &origin);
    void addBoundaries();
    void addContainers(Workload &workload, std::size_t index);
    void addIngressElements();
    void addSecretStores();
    void addClients();
    void addExposureFlows();
    /** "mounts the host path /etc read-only — why", for the report. */
    static std::string hostPathFinding(const Volume &volume, const VolumeMount &mount);
    std::string policyNote(const Workload &workload, std::int64_t port, const std::string &l4, const std::string &portName,
                           Exposure::From from) const;
    void layOut();

    std::string where(const Origin &origin) const
    {
        return origin.line > 0 ? m_files[std::size_t(origin.file)] + ":" + std::to_string(origin.line)
                               : m_files[std::size_t(origin.file)];
    }
    std::string where(int file, int line) const { return where(Origin{file, line, {}}); }
    void mapped(const Origin &origin, const std::string &text) { m_findings[0].push_back({origin.file, origin.line, {where(origin), text}}); }
    void flagged(const Origin &origin, const std::string &text) { m_findings[1].push_back({origin.file, origin.line, {where(origin), text}}); }
    void skipped(const Origin &origin, const std::string &text) { m_findings[2].push_back({origin.file, origin.line, {where(origin), text}}); }
    /** The report's findings in input order (file, then line), whatever step found them. */
    void finishReport();
    std::string workloadName(const Workload &workload) const;
    std::string containerName(const Workload &workload, const Container &container) const;
    bool reachableFromInternet(std::size_t workload, std::size_t container) const;

    std::vector<std::string> m_files;
    /** The file being read, for errors that do not come with a position. */
    std::optional<std::size_t> m_reading;

    std::vector<Workload> m_workloads;
    std::vector<Service> m_services;
    std::vector<Ingress> m_ingresses;
    std::vector<NetworkPolicy> m_policies;
    std::vector<Role> m_roles;
    std::vector<Binding> m_bindings;
    std::map<std::pair<std::string, std::string>, ServiceAccount> m_serviceAccounts;
    std::map<std::pair<std::string, std::string>, SecretObject> m_secrets;
    std::map<std::pair<std::string, std::string>, ConfigMapObject> m_configMaps;
    std::map<std::string, NamespaceObject> m_namespaceObjects;
    /** ResourceQuotas and LimitRanges by namespace, in input order. */
    std::multimap<std::string, Origin> m_quotas;
    std::multimap<std::string, Origin> m_limitRanges;
    /** "Kind namespace/name" → where first defined, to refuse duplicates. */
    std::map<std::string, Origin> m_defined;

    // Derived while building.
    std::map<std::pair<std::string, std::string>, Permission> m_permissions;
    std::set<std::pair<std::string, std::string>> m_unknownPermissions;
    bool m_rbacBroad = false;
    std::vector<std::string> m_rbacNotes;
    std::vector<Exposure> m_exposures;
    std::map<std::string, std::string> m_namespaceIds;
    std::map<std::string, std::string> m_secretStoreIds;
    std::set<std::string> m_sharedWithinNamespace; ///< "ns/name" of workloads of several kinds
    std::set<std::string> m_sharedAcrossNamespaces; ///< names used in several namespaces
    std::string m_clusterId;
    std::string m_internetId;
    std::string m_internetClientId;
    std::string m_nodeClientId;
    /** Exposures by workload and container, in input order. */
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> m_exposuresOf;

    struct PendingFinding
    {
        int file;
        int line;
        ImportFinding finding;
    };
    /** Mapped, flagged and skipped findings, sorted into the report at the end. */
    std::vector<PendingFinding> m_findings[3];

    ImportResult m_result;
    ImportModelBuilder m_builder{m_result.model};
};

// ---------------------------------------------------------------------------------------------
// Reading files

void KubernetesImporter::collectFiles(const std::vector<std::string> &paths)
{
    if (paths.empty())
        throw ImportFailure{"no Kubernetes manifest files or directories given"};
    std::set<std::string> seen;
    auto add = [&](const std::string &path) {
        std::error_code error;
        const fs::path canonical = fs::weakly_canonical(path, error);
        if (!seen.insert(error ? path : canonical.string()).second)
            return;
        if (m_files.size() >= maxFiles)
            throw ImportFailure{path + ": more than " + std::to_string(maxFiles) + " input files"};
        m_files.push_back(path);
    };
    for (const std::string &path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            add(path);
            continue;
        }
        std::vector<std::string> names;
        fs::directory_iterator it(path, error);
        if (error)
            throw ImportFailure{path + ": cannot list the directory: " + error.message()};
        for (; it != fs::directory_iterator(); it.increment(error)) {
            if (error)
                throw ImportFailure{path + ": cannot list the directory: " + error.message()};
            std::error_code typeError;
            if (!it->is_regular_file(typeError))
                continue;
            const std::string extension = lower(it->path().extension().string());
            if (extension == ".yaml" || extension == ".yml" || extension == ".json")
                names.push_back(it->path().filename().string());
        }
        if (error)
            throw ImportFailure{path + ": cannot list the directory: " + error.message()};
        if (names.empty())
            throw ImportFailure{path + ": the directory holds no .yaml, .yml or .json files"};
        std::sort(names.begin(), names.end());
        // A folder gives its own files: a link in it to a file elsewhere (a credentials file
        // named creds.yaml) is refused rather than read.
        const auto folder = ProjectFolder::open(path, "the folder " + path);
        if (!folder)
            throw ImportFailure{folder.error()};
        for (const std::string &name : names) {
            const std::string file = (fs::path(path) / name).string();
            if (const auto inside = folder->resolve(file, file); !inside)
                throw ImportFailure{inside.error()};
            add(file);
        }
    }
    std::uintmax_t total = 0;
    for (const std::string &file : m_files) {
        std::error_code error;
        const std::uintmax_t size = fs::file_size(file, error);
        if (!error)
            total += size;
        if (total > maxTotalBytes)
            throw ImportFailure{file + ": the input files together are larger than " + std::to_string(maxTotalBytes / (1024 * 1024))
                          + " MiB; import fewer at a time"};
    }
}

void KubernetesImporter::readDocument(const YamlNode &document, int file)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    if (!document.isMapping())
        failAt(context, document, "", "expected a Kubernetes object (a mapping with apiVersion and kind), found "
                                        + std::string(document.typeName()));
    readListOrObject(document, file, "", 0);
}

void KubernetesImporter::readListOrObject(const YamlNode &object, int file, const std::string &path, int depth)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    const YamlNode *kind = object.find("kind");
    const YamlNode *items = object.find("items");
    // kubectl's "kind: List" (and typed lists such as DeploymentList) hold objects in items;
    // a List may hold Lists in turn.
    if (!kind || !kind->isScalar() || kind->scalar.size() < 4 || kind->scalar.compare(kind->scalar.size() - 4, 4, "List") != 0
        || !items) {
        readObject(object, file, path);
        return;
    }
    constexpr int maxListDepth = 10;
    if (depth >= maxListDepth)
        failAt(context, object, path, "Lists nested more than " + std::to_string(maxListDepth) + " deep");
    const YamlFields list = YamlFields::check(context, object, path, {"apiVersion", "kind", "metadata", "items"});
    const std::string itemKind = kind->scalar == "List" ? std::string() : kind->scalar.substr(0, kind->scalar.size() - 4);
    const std::string apiVersion = list.text("apiVersion", "");
    for (const auto &[item, itemPath] : list.items("items")) {
        if (!item->isMapping())
            failAt(context, *item, itemPath, "expected a Kubernetes object, found " + std::string(item->typeName()));
        if (itemKind.empty() || item->find("kind")) {
            readListOrObject(*item, file, itemPath, depth + 1);
            continue;
        }
        // Items of a typed list may leave out kind and apiVersion.
        YamlNode completed = *item;
        YamlNode kindNode;
        kindNode.type = YamlNode::Type::Scalar;
        kindNode.scalar = itemKind;
        kindNode.line = item->line;
        kindNode.column = item->column;
        completed.entries.emplace_back("kind", kindNode);
        if (!item->find("apiVersion")) {
            YamlNode versionNode = kindNode;
            versionNode.scalar = apiVersion;
            completed.entries.emplace_back("apiVersion", versionNode);
        }
        readObject(completed, file, itemPath);
    }
}

void KubernetesImporter::readObject(const YamlNode &object, int file, const std::string &listPath)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    const YamlNode *kindNode = object.find("kind");
    const YamlNode *versionNode = object.find("apiVersion");
    if (!kindNode || kindNode->isNull())
        failAt(context, object, listPath, "not a Kubernetes object: it has no kind");
    if (!kindNode->isScalar() || kindNode->scalar.empty())
        failAt(context, *kindNode, listPath.empty() ? "kind" : listPath + ".kind", "expected the name of a kind, found " + shownValue(*kindNode));
    if (!versionNode || versionNode->isNull())
        failAt(context, object, listPath, kindNode->scalar + " without an apiVersion");
    if (!versionNode->isScalar() || versionNode->scalar.empty())
        failAt(context, *versionNode, listPath.empty() ? "apiVersion" : listPath + ".apiVersion", "expected text, found " + shownValue(*versionNode));
    const std::string kind = kindNode->scalar;
    const std::string apiVersion = versionNode->scalar;
    const auto slash = apiVersion.find('/');
    // "v1" is the core group; anything else without a slash is no Kubernetes group at all.
    const std::string group = slash != std::string::npos ? apiVersion.substr(0, slash) : apiVersion == "v1" ? std::string() : apiVersion;

    // Name and namespace first, so that every later message names the object.
    const YamlNode *metadataNode = object.find("metadata");
    const KindInfo *info = nullptr;
    for (const KindInfo &candidate : kinds())
        if (candidate.name == kind && std::find(candidate.groups.begin(), candidate.groups.end(), group) != candidate.groups.end())
            info = &candidate;
    context.object = kind;
    const YamlFields metadata = metadataNode ? YamlFields::check(context, *metadataNode, listPath.empty() ? "metadata" : listPath + ".metadata", metadataKeys)
                                         : YamlFields(context, nullptr, "metadata");
    std::string name = metadata.text("name", "");
    if (name.empty() && metadata.has("generateName"))
        name = metadata.text("generateName", "") + "*";
    // Unknown kinds may be cluster-scoped: they show a namespace only when they give one. An
    // empty namespace is the default one, as the API server reads it.
    std::string ns = !info ? metadata.text("namespace", "") : info->namespaced ? metadata.text("namespace", "default") : std::string();
    if (info && info->namespaced && ns.empty())
        ns = "default";
    const std::string label = kind + " " + (ns.empty() ? "" : ns + "/") + (name.empty() ? "(unnamed)" : name);
    const Origin origin{file, object.line, label};

    if (!info) {
        std::string why = skipReason(kind);
        for (const KindInfo &candidate : kinds())
            if (candidate.name == kind)
                why = "apiVersion " + apiVersion + " is not the Kubernetes " + kind;
        skipped(origin, label + " (" + apiVersion + "): " + why);
        return;
    }
    context.object = label;
    if (name.empty())
        failAt(context, metadataNode ? *metadataNode : object, "metadata.name", "missing");
    const std::string key = kind + " " + ns + "/" + name;
    if (const auto [it, inserted] = m_defined.emplace(key, origin); !inserted)
        failAt(context, object, listPath, "defined twice; the first definition is at " + where(it->second));

    KeyList topKeys{"apiVersion", "kind", "metadata"};
    topKeys.insert(topKeys.end(), info->fields.begin(), info->fields.end());
    const YamlFields top = YamlFields::check(context, object, listPath, topKeys);
    const YamlFields &meta = metadata;
    const Labels annotations = meta.textMap("annotations");
    meta.textMap("labels");
    meta.objects("ownerReferences", ownerReferenceKeys);

    switch (info->kind) {
    case Kind::Pod:
    case Kind::Deployment:
    case Kind::StatefulSet:
    case Kind::DaemonSet:
    case Kind::ReplicaSet:
    case Kind::Job:
    case Kind::CronJob:
        readWorkload(top, meta, *info, origin, ns);
        break;
    case Kind::Service:
        readService(top, origin, ns, annotations);
        break;
    case Kind::Ingress:
        readIngress(top, origin, ns, annotations);
        break;
    case Kind::NetworkPolicy:
        readNetworkPolicy(top, origin, ns);
        break;
    case Kind::Namespace: {
        top.object("spec", namespaceSpecKeys);
        const Labels labels = meta.textMap("labels");
        for (const char *mode : {"enforce", "warn", "audit"}) {
            const std::string key = std::string("pod-security.kubernetes.io/") + mode;
            const auto it = labels.find(key);
            if (it != labels.end() && it->second != "privileged" && it->second != "baseline" && it->second != "restricted")
                failAt(context, *meta.value("labels")->find(key), meta.pathOf("labels") + "." + key,
                     "expected privileged, baseline or restricted, found " + shownValue(*meta.value("labels")->find(key)));
        }
        m_namespaceObjects[name] = NamespaceObject{origin, labels};
        break;
    }
    case Kind::Role:
    case Kind::ClusterRole:
        readRole(top, *info, origin, ns);
        break;
    case Kind::RoleBinding:
    case Kind::ClusterRoleBinding:
        readBinding(top, *info, origin, ns);
        break;
    case Kind::ServiceAccount:
        m_serviceAccounts[{ns, name}] = ServiceAccount{origin, top.boolean("automountServiceAccountToken")};
        top.objects("secrets", {"apiVersion", "kind", "name", "namespace", "uid", "resourceVersion", "fieldPath"});
        top.objects("imagePullSecrets", {"name"});
        break;
    case Kind::Secret: {
        std::set<std::string> keys;
        for (const std::string &k : top.keysOf("data"))
            keys.insert(k);
        for (const std::string &k : top.keysOf("stringData"))
            keys.insert(k);
        top.text("type");
        top.boolean("immutable");
        m_secrets[{ns, name}] = SecretObject{origin, keys.size()};
        break;
    }
    case Kind::ConfigMap: {
        ConfigMapObject configMap{origin, {}};
        for (const std::string &k : top.keysOf("data"))
            if (looksSecret(k))
                configMap.secretLookingKeys.push_back(k);
        top.keysOf("binaryData");
        top.boolean("immutable");
        m_configMaps[{ns, name}] = configMap;
        break;
    }
    case Kind::ResourceQuota:
        top.object("spec", {"hard", "scopes", "scopeSelector"});
        m_quotas.emplace(ns, origin);
        break;
    case Kind::LimitRange:
        top.object("spec", {"limits"});
        m_limitRanges.emplace(ns, origin);
        break;
    }
}

void KubernetesImporter::readWorkload(const YamlFields &top, const YamlFields &metadata, const KindInfo &info, Origin origin,
                                      const std::string &ns)
{
    Workload workload;
    workload.origin = origin;
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
            failAt(top.context(), spec.present() ? spec.node() : top.node(), spec.pathOf("template"), "missing");
        podMetadata = podTemplate.object("metadata", metadataKeys);
        podSpec = podTemplate.object("spec", podSpecKeys);
        readSelector(spec.object("selector", selectorKeys));
    };
    // replicas is an int32 in the API.
    auto noteReplicas = [&](const YamlFields &spec) {
        if (const auto replicas = spec.integer("replicas", 0, 2147483647))
            workload.notes.push_back("Runs " + std::to_string(*replicas) + (*replicas == 1 ? " replica." : " replicas."));
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
            const YamlFields claim = YamlFields::check(top.context(), *item, path, {"apiVersion", "kind", "metadata", "spec", "status"});
            claims.push_back(claim.object("metadata", metadataKeys).text("name", "?"));
        }
        if (!claims.empty())
            workload.notes.push_back("Claims a persistent volume per replica: " + joined(claims) + ".");
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
            failAt(top.context(), spec.present() ? spec.node() : top.node(), spec.pathOf("jobTemplate"), "missing");
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

SecurityContext KubernetesImporter::readSecurityContext(const YamlFields &fields, bool containerLevel) const
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
    const YamlFields windows = fields.object("windowsOptions", {"gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName", "hostProcess"});
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
        volume.hostPathType = hostPath.choice("type", {"", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
                                                        "CharDevice", "BlockDevice"}).value_or("");
    }
    if (const YamlFields secret = fields.object("secret", secretVolumeKeys); secret.present())
        volume.secrets.push_back(secret.text("secretName", "?"));
    if (const YamlFields configMap = fields.object("configMap", configMapVolumeKeys); configMap.present())
        volume.configMaps.push_back(configMap.text("name", "?"));
    if (const YamlFields claim = fields.object("persistentVolumeClaim", claimKeys); claim.present())
        volume.claim = claim.text("claimName", "?");
    if (const YamlFields projected = fields.object("projected", projectedKeys); projected.present()) {
        for (const YamlFields &source : projected.objects("sources", projectionKeys)) {
            if (const YamlFields secret = source.object("secret", projectedItemKeys); secret.present())
                volume.secrets.push_back(secret.text("name", "?"));
            if (const YamlFields configMap = source.object("configMap", projectedItemKeys); configMap.present())
                volume.configMaps.push_back(configMap.text("name", "?"));
            if (const YamlFields token = source.object("serviceAccountToken", {"audience", "expirationSeconds", "path"}); token.present()) {
                volume.serviceAccountToken = true;
                token.text("audience");
                token.integer("expirationSeconds", 600, std::int64_t(1) << 32);
            }
        }
    }
    return volume;
}

Container KubernetesImporter::readContainer(const YamlFields &fields, bool init, const std::set<std::string> &volumes) const
{
    Container container;
    container.init = init;
    container.line = fields.line();
    container.name = fields.text("name", "");
    if (container.name.empty())
        failAt(fields.context(), fields.node(), fields.pathOf("name"), "missing");
    container.image = fields.text("image", "");
    container.pullPolicy = fields.choice("imagePullPolicy", {"Always", "IfNotPresent", "Never"});
    container.sidecar = init && fields.choice("restartPolicy", {"Always", "OnFailure", "Never"}) == "Always";
    container.security = readSecurityContext(fields.object("securityContext", containerSecurityKeys), true);
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
            failAt(fields.context(), mount.has("name") ? *mount.value("name") : mount.node(), mount.pathOf("name"),
                           "no volume of the pod is named \"" + m.volume + "\"");
        m.mountPath = mount.text("mountPath", "");
        m.readOnly = mount.boolean("readOnly").value_or(false);
        m.propagation = mount.choice("mountPropagation", {"None", "HostToContainer", "Bidirectional"}).value_or("None");
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
    container.probes = fields.has("livenessProbe") || fields.has("readinessProbe") || fields.has("startupProbe");

    for (const YamlFields &env : fields.objects("env", envKeys)) {
        const std::string variable = env.text("name", "");
        if (variable.empty())
            failAt(fields.context(), env.node(), env.pathOf("name"), "missing");
        // The value is checked for its type only: it is never copied anywhere.
        if (env.has("value")) {
            env.text("value");
            if (looksSecret(variable))
                container.literalSecrets.push_back(variable);
        }
        const YamlFields source = env.object("valueFrom", envSourceKeys);
        if (const YamlFields secret = source.object("secretKeyRef", keyRefKeys); secret.present())
            container.secretEnv.emplace_back(variable, secret.text("name", "?"));
        if (const YamlFields configMap = source.object("configMapKeyRef", keyRefKeys); configMap.present()) {
            const std::string name = configMap.text("name", "?");
            container.configMapEnv.push_back(name);
            if (looksSecret(variable))
                container.secretLookingFromConfigMap.emplace_back(variable, name);
        }
    }
    for (const YamlFields &envFrom : fields.objects("envFrom", envFromKeys)) {
        envFrom.text("prefix");
        if (const YamlFields secret = envFrom.object("secretRef", nameRefKeys); secret.present())
            container.secretEnv.emplace_back("envFrom", secret.text("name", "?"));
        if (const YamlFields configMap = envFrom.object("configMapRef", nameRefKeys); configMap.present())
            container.configMapEnv.push_back(configMap.text("name", "?"));
    }
    fields.texts("command");
    fields.texts("args");
    return container;
}

PodSpec KubernetesImporter::readPodSpec(const YamlFields &spec, const std::vector<std::string> &claimTemplates) const
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
            failAt(spec.context(), fields.node(), fields.path(), "a second volume named \"" + volume.name + "\"");
        // The StatefulSet controller puts the claim in place of a volume of the same name.
        if (std::find(claimTemplates.begin(), claimTemplates.end(), volume.name) != claimTemplates.end())
            continue;
        volumeNames.insert(volume.name);
        pod.volumes.push_back(std::move(volume));
    }
    for (const YamlFields &container : spec.objects("initContainers", containerKeys))
        pod.containers.push_back(readContainer(container, true, volumeNames));
    const auto containers = spec.objects("containers", containerKeys);
    if (containers.empty())
        failAt(spec.context(), spec.node(), spec.pathOf("containers"), "a pod needs at least one container");
    for (const YamlFields &container : containers)
        pod.containers.push_back(readContainer(container, false, volumeNames));
    // Ephemeral (debug) containers are not mapped, but their settings are read to be flagged.
    for (const YamlFields &container : spec.objects("ephemeralContainers", ephemeralContainerKeys))
        pod.ephemeralContainers.push_back(readContainer(container, false, volumeNames));
    std::set<std::string> names;
    for (const Container &c : pod.containers)
        if (!names.insert(c.name).second)
            failAt(spec.context(), spec.node(), spec.path(), "two containers are named \"" + c.name + "\"");
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

void KubernetesImporter::readService(const YamlFields &top, Origin origin, const std::string &ns, const Labels &annotations)
{
    Service service;
    service.origin = origin;
    service.name = top.object("metadata", metadataKeys).text("name", "");
    service.ns = ns;
    const YamlFields spec = top.object("spec", serviceSpecKeys);
    service.type = spec.choice("type", {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}).value_or("ClusterIP");
    service.selector = spec.textMap("selector");
    service.externalIPs = spec.texts("externalIPs");
    service.sourceRanges = spec.texts("loadBalancerSourceRanges");
    service.externalName = spec.text("externalName", "");
    service.allocateNodePorts = spec.boolean("allocateLoadBalancerNodePorts").value_or(true);
    for (const YamlFields &port : spec.objects("ports", servicePortKeys)) {
        ServicePort p;
        p.line = port.line();
        p.name = port.text("name", "");
        p.protocol = port.choice("protocol", protocols).value_or("TCP");
        p.appProtocol = port.text("appProtocol", "");
        const auto number = port.integer("port", 1, 65535);
        if (!number)
            failAt(top.context(), port.node(), port.pathOf("port"), "missing");
        p.port = *number;
        p.nodePort = port.integer("nodePort", 1, 65535);
        if (const YamlNode *target = port.value("targetPort")) {
            if (!target->isScalar())
                port.fail(*target, "targetPort", "expected a port number or name, found " + std::string(target->typeName()));
            if (!target->quoted && parseInteger(target->scalar))
                p.targetNumber = port.integer("targetPort", 1, 65535);
            else
                p.targetName = target->scalar;
        }
        service.ports.push_back(p);
    }
    // Cloud annotations that keep a load balancer off the internet.
    static const std::vector<std::pair<std::string_view, std::string_view>> internal{
        {"service.beta.kubernetes.io/aws-load-balancer-internal", ""},
        {"service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"},
        {"service.beta.kubernetes.io/azure-load-balancer-internal", "true"},
        {"networking.gke.io/load-balancer-type", "Internal"},
        {"cloud.google.com/load-balancer-type", "Internal"},
        {"service.beta.kubernetes.io/oci-load-balancer-internal", "true"},
    };
    for (const auto &[annotation, value] : internal) {
        const auto it = annotations.find(std::string(annotation));
        if (it != annotations.end() && (value.empty() ? lower(it->second) != "false" : lower(it->second) == lower(std::string(value))))
            service.internalLoadBalancer = true;
    }
    m_services.push_back(std::move(service));
}

IngressBackend KubernetesImporter::readIngressBackend(const YamlFields &backend) const
{
    IngressBackend result;
    result.line = backend.line();
    if (backend.has("resource")) {
        result.resource = true;
        return result;
    }
    if (const YamlFields service = backend.object("service", ingressServiceKeys); service.present()) {
        result.service = service.text("name", "");
        const YamlFields port = service.object("port", ingressPortKeys);
        result.portNumber = port.integer("number", 1, 65535);
        result.portName = port.text("name", "");
    } else {
        // networking.k8s.io/v1beta1 and extensions/v1beta1.
        result.service = backend.text("serviceName", "");
        if (const YamlNode *port = backend.value("servicePort")) {
            if (port->isScalar() && !port->quoted && parseInteger(port->scalar))
                result.portNumber = backend.integer("servicePort", 1, 65535);
            else
                result.portName = backend.text("servicePort", "");
        }
    }
    if (result.service.empty())
        failAt(backend.context(), backend.node(), backend.path(), "a backend names a service or a resource");
    return result;
}

void KubernetesImporter::readIngress(const YamlFields &top, Origin origin, const std::string &ns, const Labels &annotations)
{
    Ingress ingress;
    ingress.origin = origin;
    ingress.name = top.object("metadata", metadataKeys).text("name", "");
    ingress.ns = ns;
    ingress.annotations = annotations;
    const YamlFields spec = top.object("spec", ingressSpecKeys);
    ingress.className = spec.text("ingressClassName", "");
    if (ingress.className.empty())
        if (const auto it = annotations.find("kubernetes.io/ingress.class"); it != annotations.end())
            ingress.className = it->second;
    for (const YamlFields &tls : spec.objects("tls", ingressTlsKeys))
        ingress.tls.push_back({tls.texts("hosts"), tls.text("secretName", "")});
    for (const char *key : {"defaultBackend", "backend"}) {
        if (const YamlFields backend = spec.object(key, ingressBackendKeys); backend.present()) {
            IngressBackend b = readIngressBackend(backend);
            b.path = "(default backend)";
            ingress.backends.push_back(b);
        }
    }
    for (const YamlFields &rule : spec.objects("rules", ingressRuleKeys)) {
        const std::string host = rule.text("host", "");
        if (host.empty())
            ingress.catchAllRule = true;
        else
            ingress.hosts.push_back(host);
        const YamlFields http = rule.object("http", ingressHttpKeys);
        for (const YamlFields &path : http.objects("paths", ingressPathKeys)) {
            const YamlFields backend = path.object("backend", ingressBackendKeys);
            if (!backend.present())
                failAt(top.context(), path.node(), path.pathOf("backend"), "missing");
            IngressBackend b = readIngressBackend(backend);
            b.host = host;
            b.path = path.text("path", "/");
            path.choice("pathType", {"Exact", "Prefix", "ImplementationSpecific"});
            ingress.backends.push_back(b);
        }
    }
    m_ingresses.push_back(std::move(ingress));
}

std::vector<PolicyRule> KubernetesImporter::readPolicyRules(const YamlFields &spec, std::string_view key, std::string_view peersKey) const
{
    std::vector<PolicyRule> rules;
    for (const YamlFields &r : spec.objects(key, key == "ingress" ? ingressRuleOfPolicyKeys : egressRuleOfPolicyKeys)) {
        PolicyRule rule;
        for (const YamlFields &peer : r.objects(peersKey, peerKeys)) {
            PolicyPeer p;
            if (const YamlFields pods = peer.object("podSelector", selectorKeys); pods.present())
                p.pods = readSelector(pods);
            if (const YamlFields namespaces = peer.object("namespaceSelector", selectorKeys); namespaces.present())
                p.namespaces = readSelector(namespaces);
            if (const YamlFields block = peer.object("ipBlock", ipBlockKeys); block.present()) {
                p.cidr = block.text("cidr", "");
                p.except = block.texts("except");
            }
            rule.peers.push_back(p);
        }
        for (const YamlFields &port : r.objects("ports", policyPortKeys)) {
            PolicyPort p;
            p.protocol = port.choice("protocol", protocols).value_or("TCP");
            if (const YamlNode *value = port.value("port")) {
                if (value->isScalar() && !value->quoted && parseInteger(value->scalar))
                    p.number = port.integer("port", 1, 65535);
                else
                    p.name = port.text("port", "");
            }
            p.endPort = port.integer("endPort", 1, 65535);
            rule.ports.push_back(p);
        }
        rules.push_back(rule);
    }
    return rules;
}

void KubernetesImporter::readNetworkPolicy(const YamlFields &top, Origin origin, const std::string &ns)
{
    NetworkPolicy policy;
    policy.origin = origin;
    policy.name = top.object("metadata", metadataKeys).text("name", "");
    policy.ns = ns;
    const YamlFields spec = top.object("spec", networkPolicySpecKeys);
    policy.podSelector = readSelector(spec.object("podSelector", selectorKeys));
    policy.ingress = readPolicyRules(spec, "ingress", "from");
    policy.egress = readPolicyRules(spec, "egress", "to");
    if (spec.has("policyTypes")) {
        for (const auto &[item, path] : spec.items("policyTypes")) {
            if (!item->isScalar() || (item->scalar != "Ingress" && item->scalar != "Egress"))
                failAt(top.context(), *item, path, "expected Ingress or Egress, found " + shownValue(*item));
            (item->scalar == "Ingress" ? policy.ingressType : policy.egressType) = true;
        }
    } else {
        // As the API defaults it: always Ingress, Egress when the policy has egress rules.
        policy.ingressType = true;
        policy.egressType = spec.has("egress");
    }
    m_policies.push_back(std::move(policy));
}

void KubernetesImporter::readRole(const YamlFields &top, const KindInfo &info, Origin origin, const std::string &ns)
{
    Role role;
    role.origin = origin;
    role.kind = info.kind;
    role.name = top.object("metadata", metadataKeys).text("name", "");
    role.ns = ns;
    static const std::set<std::string> writeVerbs{"create", "update", "patch", "delete", "deletecollection", "*",
                                                  "escalate", "bind", "impersonate"};
    for (const YamlFields &rule : top.objects("rules", policyRuleKeys)) {
        const auto verbs = rule.texts("verbs");
        const auto resources = rule.texts("resources");
        rule.texts("apiGroups");
        rule.texts("resourceNames");
        rule.texts("nonResourceURLs");
        const auto has = [](const std::vector<std::string> &list, const std::string &value) {
            return std::find(list.begin(), list.end(), value) != list.end();
        };
        if (has(verbs, "*") || has(resources, "*"))
            role.wildcard = true;
        for (const std::string &verb : verbs)
            if (writeVerbs.count(verb))
                role.writes = true;
    }
    if (const YamlFields aggregation = top.object("aggregationRule", {"clusterRoleSelectors"}); aggregation.present()) {
        for (const auto &[item, path] : aggregation.items("clusterRoleSelectors"))
            readSelector(YamlFields::check(top.context(), *item, path, selectorKeys));
        role.aggregated = true;
    }
    m_roles.push_back(role);
}

void KubernetesImporter::readBinding(const YamlFields &top, const KindInfo &info, Origin origin, const std::string &ns)
{
    Binding binding;
    binding.origin = origin;
    binding.kind = info.kind;
    binding.name = top.object("metadata", metadataKeys).text("name", "");
    binding.ns = ns;
    const YamlFields roleRef = top.object("roleRef", roleRefKeys);
    if (!roleRef.present())
        failAt(top.context(), top.node(), "roleRef", "missing");
    const auto roleKind = roleRef.choice("kind", {"Role", "ClusterRole"});
    binding.roleName = roleRef.text("name", "");
    if (!roleKind || binding.roleName.empty())
        failAt(top.context(), roleRef.node(), "roleRef", "a role reference needs kind and name");
    binding.roleKind = *roleKind;
    for (const YamlFields &subject : top.objects("subjects", subjectKeys)) {
        const auto kind = subject.choice("kind", {"ServiceAccount", "User", "Group"});
        if (!kind)
            failAt(top.context(), subject.node(), subject.pathOf("kind"), "missing");
        Subject s{*kind, subject.text("name", ""), subject.text("namespace", "")};
        if (s.kind == "ServiceAccount" && s.ns.empty())
            s.ns = info.kind == Kind::RoleBinding ? ns : "default";
        binding.subjects.push_back(s);
    }
    m_bindings.push_back(std::move(binding));
}

// ---------------------------------------------------------------------------------------------
// Building the model

std::string KubernetesImporter::workloadName(const Workload &workload) const
{
    // The workload's own name reads best on the canvas, where long names are cut short; the
    // kind comes in only when two workloads of one namespace share a name.
    std::string base = workload.name;
    if (m_sharedWithinNamespace.count(workload.ns + "/" + workload.name))
        base = lower(workload.kindName) + "/" + base;
    if (m_sharedAcrossNamespaces.count(base))
        base = workload.ns + ": " + base;
    return base;
}

std::string KubernetesImporter::containerName(const Workload &workload, const Container &container) const
{
    const std::string base = workloadName(workload);
    if (workload.pod.containers.size() == 1)
        return base;
    return base + "/" + container.name + (container.sidecar ? " (sidecar)" : container.init ? " (init)" : "");
}

void KubernetesImporter::markOwnedObjects()
{
    // kubectl get -o yaml lists controllers and the pods they made: map the controller only. A
    // workload is skipped only when its controller is another imported workload; the chain of
    // controllers then ends at one that is mapped. References to itself, to objects that are
    // not workloads or not imported are ignored, and a circle of references keeps one workload.
    std::map<std::string, std::size_t> byKey;
    for (std::size_t i = 0; i < m_workloads.size(); ++i)
        byKey.emplace(m_workloads[i].kindName + " " + m_workloads[i].ns + "/" + m_workloads[i].name, i);
    std::vector<std::optional<std::size_t>> owner(m_workloads.size());
    for (std::size_t i = 0; i < m_workloads.size(); ++i) {
        const Workload &workload = m_workloads[i];
        if (!workload.controller)
            continue;
        const auto it = byKey.find(workload.controller->kind + " " + workload.ns + "/" + workload.controller->name);
        if (it != byKey.end() && it->second != i)
            owner[i] = it->second;
    }
    // Walk each chain once; where it comes back to a workload on the same walk, that one is kept.
    enum class State { Unvisited, OnPath, Done };
    std::vector<State> state(m_workloads.size(), State::Unvisited);
    std::vector<bool> closesCircle(m_workloads.size(), false);
    for (std::size_t start = 0; start < m_workloads.size(); ++start) {
        std::vector<std::size_t> path;
        for (std::optional<std::size_t> at = start; at && state[*at] != State::Done; at = owner[*at]) {
            if (state[*at] == State::OnPath) {
                closesCircle[*at] = true;
                break;
            }
            state[*at] = State::OnPath;
            path.push_back(*at);
        }
        for (const std::size_t i : path)
            state[i] = State::Done;
    }
    for (std::size_t i = 0; i < m_workloads.size(); ++i) {
        Workload &workload = m_workloads[i];
        if (!owner[i])
            continue;
        const Workload &controller = m_workloads[*owner[i]];
        if (closesCircle[i]) {
            mapped(workload.origin, workload.origin.label + ": its controller " + controller.kindName + " " + controller.name
                                        + " is in turn created by it (the ownerReferences go round in a circle); mapped here");
            continue;
        }
        workload.skipped = true;
        skipped(workload.origin, workload.origin.label + ": created by " + controller.kindName + " " + controller.name
                                     + ", which is imported itself");
    }
}

void KubernetesImporter::computePermissions()
{
    auto findRole = [&](const std::string &kind, const std::string &name, const std::string &ns) -> std::optional<Role> {
        for (const Role &role : m_roles)
            if ((kind == "Role" ? role.kind == Kind::Role && role.ns == ns : role.kind == Kind::ClusterRole) && role.name == name)
                return role;
        if (kind == "ClusterRole")
            return builtInClusterRole(name);
        return std::nullopt;
    };
    for (const Role &role : m_roles)
        mapped(role.origin, role.origin.label + (role.wildcard ? ": grants \"*\" (every verb or every resource)"
                                                 : role.aggregated
                                                     ? ": aggregates the ClusterRoles its aggregationRule selects; what it grants is "
                                                       "filled in by the cluster, so unknown"
                                                 : role.writes ? ": grants changes; recorded through the bindings that use it"
                                                               : ": grants reading only; recorded through the bindings that use it"));
    for (const Binding &binding : m_bindings) {
        const auto role = findRole(binding.roleKind, binding.roleName, binding.ns);
        const bool clusterScope = binding.kind == Kind::ClusterRoleBinding;
        std::vector<std::string> subjects;
        for (const Subject &s : binding.subjects)
            subjects.push_back(s.kind + " " + (s.kind == "ServiceAccount" ? s.ns + "/" : "") + s.name);
        const std::string who = subjects.empty() ? "no subjects" : joined(subjects);
        const std::string scope = clusterScope ? "across the cluster" : "in namespace " + binding.ns;
        // An aggregated role grants what other roles, selected by label, grant: not known here
        // (unless its listed rules already grant everything).
        const bool unknown = !role || (role->aggregated && !role->wildcard);
        if (!role) {
            mapped(binding.origin, binding.origin.label + ": binds " + binding.roleKind + " " + binding.roleName + " " + scope + " to "
                                       + who + "; the role is not among the imported manifests, so its permissions are unknown");
        } else if (unknown) {
            mapped(binding.origin, binding.origin.label + ": binds " + binding.roleKind + " " + binding.roleName + " " + scope + " to "
                                       + who + "; the role aggregates other ClusterRoles, so its permissions are unknown");
        } else if (role->wildcard) {
            const std::string what = binding.roleName == "cluster-admin" ? "cluster-admin" : "the wildcard role " + binding.roleName;
            flagged(binding.origin, binding.origin.label + ": grants " + what + " " + scope + " to " + who);
            m_rbacBroad = true;
            m_rbacNotes.push_back(binding.origin.label + " grants " + what + " " + scope + " to " + who + ".");
        } else {
            mapped(binding.origin, binding.origin.label + ": binds " + binding.roleKind + " " + binding.roleName + " " + scope + " to " + who);
        }
        Permission permission = Permission::NamespaceRead;
        if (role && clusterScope)
            permission = Permission::ClusterWide;
        else if (role && (role->writes || role->wildcard))
            permission = Permission::NamespaceWrite;
        for (const Subject &s : binding.subjects) {
            std::vector<std::pair<std::string, std::string>> accounts;
            static const std::string accountGroup = "system:serviceaccounts:";
            static const std::string accountUser = "system:serviceaccount:";
            if (s.kind == "ServiceAccount") {
                accounts.emplace_back(s.ns, s.name);
            } else if (s.kind == "User" && s.name.rfind(accountUser, 0) == 0
                       && s.name.find(':', accountUser.size()) != std::string::npos) {
                // The user name a service account's token authenticates as.
                const auto colon = s.name.find(':', accountUser.size());
                accounts.emplace_back(s.name.substr(accountUser.size(), colon - accountUser.size()), s.name.substr(colon + 1));
            } else if (s.kind == "Group"
                       && (s.name == "system:authenticated" || s.name == "system:serviceaccounts"
                           || (s.name.rfind(accountGroup, 0) == 0 && s.name.size() > accountGroup.size()))) {
                // Every service account (of one namespace): apply to each one a workload uses.
                const std::string only = s.name.rfind(accountGroup, 0) == 0 ? s.name.substr(accountGroup.size()) : std::string();
                for (const Workload &w : m_workloads)
                    if (only.empty() || w.ns == only)
                        accounts.emplace_back(w.ns, w.pod.serviceAccount);
            }
            for (const auto &account : accounts) {
                if (unknown) {
                    m_unknownPermissions.insert(account);
                    continue;
                }
                Permission &current = m_permissions[account];
                current = std::max(current, permission);
            }
        }
    }
}

std::vector<std::pair<std::size_t, std::int64_t>> KubernetesImporter::targetsOf(const Workload &workload, const ServicePort &port,
                                                                                  const Origin &origin)
{
    std::vector<std::pair<std::size_t, std::int64_t>> targets;
    const auto &containers = workload.pod.containers;
    if (!port.targetName.empty()) {
        for (std::size_t i = 0; i < containers.size(); ++i)
            for (const ContainerPort &p : containers[i].ports)
                if (p.name == port.targetName && containers[i].longRunning())
                    targets.emplace_back(i, p.containerPort);
        if (targets.empty())
            skipped(origin, origin.label + ": port " + std::to_string(port.port) + " targets the port name \"" + port.targetName
                                + "\", which no container of " + workload.origin.label + " declares");
        return targets;
    }
    const std::int64_t number = port.targetNumber.value_or(port.port);
    for (std::size_t i = 0; i < containers.size(); ++i)
        for (const ContainerPort &p : containers[i].ports)
            if (p.containerPort == number && p.protocol == port.protocol && containers[i].longRunning())
                targets.emplace_back(i, number);
    if (targets.empty()) {
        // Declaring ports is optional: the traffic goes to whichever container listens.
        for (std::size_t i = 0; i < containers.size(); ++i)
            if (containers[i].longRunning())
                targets.emplace_back(i, number);
    }
    return targets;
}

void KubernetesImporter::addServiceExposures(const Service &service)
{
    const bool external = service.type == "NodePort" || service.type == "LoadBalancer" || !service.externalIPs.empty();
    const bool internet = service.type == "LoadBalancer" && !service.internalLoadBalancer;
    std::vector<std::string> reached;
    for (std::size_t w = 0; w < m_workloads.size(); ++w) {
        Workload &workload = m_workloads[w];
        if (workload.skipped || workload.ns != service.ns || service.selector.empty())
            continue;
        if (!std::all_of(service.selector.begin(), service.selector.end(), [&](const auto &entry) {
                const auto it = workload.labels.find(entry.first);
                return it != workload.labels.end() && it->second == entry.second;
            }))
            continue;
        for (const ServicePort &port : service.ports) {
            for (const auto &[c, targetPort] : targetsOf(workload, port, service.origin)) {
                Container &container = workload.pod.containers[c];
                const std::string protocol = flowProtocol(targetPort, port.name, port.appProtocol, port.protocol);
                reached.push_back(containerName(workload, container) + " " + portText(targetPort, port.protocol));
                // Ports the Service sends traffic to are the ones the container is meant to expose.
                if (std::find(container.servicePorts.begin(), container.servicePorts.end(), portText(targetPort, port.protocol))
                    == container.servicePorts.end())
                    container.servicePorts.push_back(portText(targetPort, port.protocol));
                if (!external)
                    continue;
                std::string via = "Service " + service.name + " (" + service.type + ") port " + std::to_string(port.port);
                if (port.nodePort)
                    via += ", node port " + std::to_string(*port.nodePort);
                via += " → " + portText(targetPort, port.protocol) + ".";
                if (!service.sourceRanges.empty())
                    via += " Only from " + joined(service.sourceRanges) + " (loadBalancerSourceRanges).";
                if (service.type == "LoadBalancer" && service.internalLoadBalancer)
                    via += " An internal load balancer: reachable from the private network, not the internet.";
                Exposure exposure;
                exposure.workload = w;
                exposure.container = c;
                exposure.port = targetPort;
                exposure.l4 = port.protocol;
                exposure.protocol = protocol;
                exposure.portName = port.targetName.empty() ? port.name : port.targetName;
                exposure.notes = via;
                const std::string arrow = " → " + portText(targetPort, port.protocol);
                if (service.type == "NodePort" || (service.type == "LoadBalancer" && service.allocateNodePorts))
                    exposure.nodePort = port.nodePort ? std::to_string(*port.nodePort) : std::string("30000-32767");
                if (service.type == "NodePort") {
                    exposure.from = Exposure::From::NodeNetwork;
                    exposure.name = "service/" + service.name + " node port "
                                    + (port.nodePort ? std::to_string(*port.nodePort) : std::string("(assigned)")) + arrow;
                    m_exposures.push_back(exposure);
                } else if (service.type == "LoadBalancer") {
                    exposure.from = internet ? Exposure::From::Internet : Exposure::From::NodeNetwork;
                    exposure.name = "service/" + service.name + (internet ? "" : " internal") + " load balancer port "
                                    + std::to_string(port.port) + arrow;
                    m_exposures.push_back(exposure);
                }
                if (!service.externalIPs.empty()) {
                    exposure.from = Exposure::From::NodeNetwork;
                    exposure.nodePort.clear();
                    exposure.name = "service/" + service.name + " external IP port " + std::to_string(port.port) + arrow;
                    exposure.notes = "Service " + service.name + " port " + std::to_string(port.port) + " on the external IPs "
                                     + joined(service.externalIPs) + arrow + ".";
                    m_exposures.push_back(exposure);
                }
            }
        }
    }
    std::string summary = service.origin.label + " (" + service.type + ")";
    if (reached.empty()) {
        skipped(service.origin, summary + (service.selector.empty() ? ": no selector, so no imported pods behind it"
                                                                    : ": its selector matches no imported pods"));
        return;
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    if (internet) {
        flagged(service.origin, summary + ": exposes " + joined(reached) + " to the internet"
                                    + (service.sourceRanges.empty() ? "" : " (only from " + joined(service.sourceRanges) + ")"));
    } else if (external) {
        const std::string how = service.type == "NodePort"       ? "reachable on a port of every node"
                                : service.type == "LoadBalancer" ? "an internal load balancer, reachable from the private network"
                                                                 : "reachable on its external IPs";
        mapped(service.origin, summary + ": " + how + ": " + joined(reached));
    } else {
        mapped(service.origin, summary + ": reachable inside the cluster: " + joined(reached));
    }
}

void KubernetesImporter::planExposures()
{
    for (const Service &service : m_services) {
        if (service.type == "ExternalName") {
            skipped(service.origin, service.origin.label + " (ExternalName): an alias for " + service.externalName + ", no pods behind it");
            continue;
        }
        addServiceExposures(service);
    }
    // Ingress backends: through the backend Service to its pods.
    for (std::size_t i = 0; i < m_ingresses.size(); ++i) {
        const Ingress &ingress = m_ingresses[i];
        std::vector<std::string> reached;
        for (const IngressBackend &backend : ingress.backends) {
            const Origin at{ingress.origin.file, backend.line, ingress.origin.label};
            if (backend.resource) {
                skipped(at, ingress.origin.label + ": a backend of path " + backend.path + " is a resource, not a Service");
                continue;
            }
            const Service *service = nullptr;
            for (const Service &s : m_services)
                if (s.ns == ingress.ns && s.name == backend.service)
                    service = &s;
            if (!service) {
                skipped(at, ingress.origin.label + ": the backend Service " + backend.service + " is not among the imported manifests");
                continue;
            }
            const ServicePort *port = nullptr;
            for (const ServicePort &p : service->ports)
                if ((backend.portNumber && p.port == *backend.portNumber) || (!backend.portName.empty() && p.name == backend.portName))
                    port = &p;
            if (!port && !backend.portNumber && backend.portName.empty() && service->ports.size() == 1)
                port = &service->ports.front();
            if (!port) {
                skipped(at, ingress.origin.label + ": Service " + backend.service + " has no port "
                                + (backend.portNumber ? std::to_string(*backend.portNumber) : backend.portName));
                continue;
            }
            for (std::size_t w = 0; w < m_workloads.size(); ++w) {
                const Workload &workload = m_workloads[w];
                if (workload.skipped || workload.ns != service->ns || service->selector.empty())
                    continue;
                if (!std::all_of(service->selector.begin(), service->selector.end(), [&](const auto &entry) {
                        const auto it = workload.labels.find(entry.first);
                        return it != workload.labels.end() && it->second == entry.second;
                    }))
                    continue;
                for (const auto &[c, targetPort] : targetsOf(workload, *port, at)) {
                    Exposure exposure;
                    exposure.from = Exposure::From::Ingress;
                    exposure.ingress = i;
                    exposure.workload = w;
                    exposure.container = c;
                    exposure.port = targetPort;
                    exposure.l4 = port->protocol;
                    std::string protocol = flowProtocol(targetPort, port->name, port->appProtocol, port->protocol);
                    if (const auto it = ingress.annotations.find("nginx.ingress.kubernetes.io/backend-protocol");
                        it != ingress.annotations.end()) {
                        const std::string value = lower(it->second);
                        protocol = value == "https" ? "https" : value == "grpcs" ? "grpcTls" : value == "grpc" ? "grpc" : value == "http" ? "http" : protocol;
                    }
                    exposure.protocol = protocol;
                    exposure.portName = port->targetName.empty() ? port->name : port->targetName;
                    exposure.name = "ingress/" + ingress.name + " → service/" + service->name + " → " + portText(targetPort, port->protocol);
                    exposure.notes = "Routes " + (backend.host.empty() ? std::string("any host") : backend.host) + " " + backend.path + ".";
                    m_exposures.push_back(exposure);
                    reached.push_back(containerName(workload, workload.pod.containers[c]));
                }
            }
        }
        std::sort(reached.begin(), reached.end());
        reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
        mapped(ingress.origin, ingress.origin.label + " → ingress element, internet-facing"
                                   + (reached.empty() ? std::string(", with no imported backends") : ", routing to " + joined(reached)));
    }
    // hostPort and hostNetwork: ports on the node itself.
    for (std::size_t w = 0; w < m_workloads.size(); ++w) {
        const Workload &workload = m_workloads[w];
        if (workload.skipped)
            continue;
        for (std::size_t c = 0; c < workload.pod.containers.size(); ++c) {
            if (!workload.pod.containers[c].longRunning())
                continue;
            for (const ContainerPort &port : workload.pod.containers[c].ports) {
                const std::int64_t hostPort = port.hostPort ? port.hostPort : workload.pod.hostNetwork ? port.containerPort : 0;
                if (!hostPort)
                    continue;
                Exposure exposure;
                exposure.from = Exposure::From::NodeNetwork;
                exposure.workload = w;
                exposure.container = c;
                exposure.port = port.containerPort;
                exposure.l4 = port.protocol;
                exposure.portName = port.name;
                exposure.protocol = flowProtocol(port.containerPort, port.name, "", port.protocol);
                exposure.name = (port.hostPort ? "host port " : "host network port ") + std::to_string(hostPort) + " → "
                                + portText(port.containerPort, port.protocol);
                exposure.notes = port.hostPort ? "hostPort " + std::to_string(hostPort) + " on " + (port.hostIP.empty() ? "0.0.0.0" : port.hostIP) + "."
                                               : "The pod uses the host's network: the port is open on the node.";
                m_exposures.push_back(exposure);
            }
        }
    }
    for (std::size_t i = 0; i < m_exposures.size(); ++i)
        m_exposuresOf[{m_exposures[i].workload, m_exposures[i].container}].push_back(i);
}

bool KubernetesImporter::reachableFromInternet(std::size_t workload, std::size_t container) const
{
    const auto it = m_exposuresOf.find({workload, container});
    if (it == m_exposuresOf.end())
        return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](std::size_t i) {
        return m_exposures[i].from == Exposure::From::Internet || m_exposures[i].from == Exposure::From::Ingress;
    });
}

void KubernetesImporter::addBoundaries()
{
    ThreatModel &model = m_result.model;
    const bool internet = !m_ingresses.empty() || std::any_of(m_exposures.begin(), m_exposures.end(), [](const Exposure &e) {
        return e.from == Exposure::From::Internet;
    });
    if (internet) {
        Boundary boundary;
        boundary.id = m_internetId = m_builder.makeId("internet");
        boundary.kind = "internet";
        boundary.name = "Internet";
        boundary.properties["anonymousReachable"] = true;
        m_builder.addBoundary(boundary);
    }
    Boundary cluster;
    cluster.id = m_clusterId = m_builder.makeId("cluster");
    cluster.kind = "cluster";
    cluster.name = "Kubernetes cluster";
    cluster.properties["orchestrator"] = std::string("kubernetes");
    if (m_rbacBroad) {
        cluster.properties["rbacLeastPrivilege"] = std::string("no");
        for (const std::string &note : m_rbacNotes)
            appendNote(cluster.properties, note);
    }
    // Namespaces: those declared, and those the mapped objects live in, by name.
    std::set<std::string> namespaces;
    for (const auto &[name, object] : m_namespaceObjects)
        namespaces.insert(name);
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            namespaces.insert(w.ns);
    for (const Ingress &i : m_ingresses)
        namespaces.insert(i.ns);
    std::set<std::string> withWorkloads;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            withWorkloads.insert(w.ns);
    // Quotas and Pod Security on every namespace with workloads speak for the cluster.
    if (!withWorkloads.empty()) {
        const bool quotas = std::all_of(withWorkloads.begin(), withWorkloads.end(), [&](const std::string &ns) { return m_quotas.count(ns) > 0; });
        cluster.properties["resourceQuotas"] = quotas;
        auto enforced = [&](const std::string &ns, const char *level) {
            const auto it = m_namespaceObjects.find(ns);
            if (it == m_namespaceObjects.end())
                return false;
            const auto label = it->second.labels.find("pod-security.kubernetes.io/enforce");
            if (label == it->second.labels.end())
                return false;
            return label->second == level || (std::string_view(level) == "baseline" && label->second == "restricted");
        };
        if (std::all_of(withWorkloads.begin(), withWorkloads.end(), [&](const std::string &ns) { return enforced(ns, "restricted"); }))
            cluster.properties["admissionPolicy"] = std::string("psaRestricted");
        else if (std::all_of(withWorkloads.begin(), withWorkloads.end(), [&](const std::string &ns) { return enforced(ns, "baseline"); }))
            cluster.properties["admissionPolicy"] = std::string("psaBaseline");
    }
    m_builder.addBoundary(cluster);

    for (const std::string &ns : namespaces) {
        Boundary boundary;
        boundary.id = m_builder.makeId("ns-" + ns);
        boundary.kind = "namespace";
        boundary.name = ns;
        boundary.parent = m_clusterId;
        PropertyMap &p = boundary.properties;
        m_namespaceIds[ns] = boundary.id;
        p["systemNamespace"] = ns == "kube-system" || ns == "kube-public" || ns == "kube-node-lease";
        if (const auto it = m_namespaceObjects.find(ns); it != m_namespaceObjects.end()) {
            const Labels &labels = it->second.labels;
            std::string mode = "none";
            std::string level = "privileged";
            for (const char *candidate : {"enforce", "warn", "audit"}) {
                const auto label = labels.find(std::string("pod-security.kubernetes.io/") + candidate);
                if (label == labels.end())
                    continue; // the values were checked while reading
                mode = candidate;
                level = label->second;
                break;
            }
            p["podSecurityMode"] = mode;
            p["podSecurityLevel"] = level;
            mapped(it->second.origin, it->second.origin.label + " → namespace boundary"
                                          + (mode == "none" ? std::string(", no Pod Security level") : ", Pod Security " + level + " (" + mode + ")"));
        } else {
            appendNote(p, "The imported manifests do not declare this namespace; its Pod Security labels are unknown.");
        }
        // NetworkPolicies: the manifests are taken as the namespace's whole policy set.
        bool any = false;
        bool denyIngress = false;
        bool denyEgress = false;
        bool openIngress = false;
        bool openEgress = false;
        std::vector<std::string> names;
        for (const NetworkPolicy &policy : m_policies) {
            if (policy.ns != ns)
                continue;
            any = true;
            names.push_back(policy.name);
            const bool all = policy.podSelector.empty();
            const bool ingress = all && policy.ingressType && !policy.opensAll(false);
            const bool egress = all && policy.egressType && !policy.opensAll(true);
            denyIngress = denyIngress || ingress;
            denyEgress = denyEgress || egress;
            // Policies add up: one that opens everything to every pod undoes every default deny.
            openIngress = openIngress || (all && policy.opensAll(false));
            openEgress = openEgress || (all && policy.opensAll(true));
            const auto both = [](bool in, bool out) { return in && out ? "ingress and egress" : in ? "ingress" : "egress"; };
            std::vector<std::string> what;
            if (ingress || egress)
                what.push_back(std::string("default deny ") + both(ingress, egress));
            if (policy.opensAll(false) || policy.opensAll(true))
                what.push_back(std::string("allows all ") + both(policy.opensAll(false), policy.opensAll(true)));
            mapped(policy.origin, policy.origin.label + " → recorded on namespace " + ns + " (selects " + policy.podSelector.describe()
                                      + (what.empty() ? std::string() : ": " + joined(what, "; ")) + ")");
        }
        p["networkPolicyEnforced"] = tri(any);
        p["defaultDenyIngress"] = tri(denyIngress && !openIngress);
        p["defaultDenyEgress"] = tri(denyEgress && !openEgress);
        if (any)
            appendNote(p, "NetworkPolicies: " + joined(names) + ". Whether the network plugin enforces them is not in the manifests.");
        p["resourceQuotas"] = m_quotas.count(ns) > 0;
        for (auto [it, end] = m_quotas.equal_range(ns); it != end; ++it)
            mapped(it->second, it->second.label + " → namespace " + ns + " has a resource quota");
        p["limitRange"] = m_limitRanges.count(ns) > 0;
        for (auto [it, end] = m_limitRanges.equal_range(ns); it != end; ++it)
            mapped(it->second, it->second.label + " → namespace " + ns + " has default limits");
        m_builder.addBoundary(boundary);
    }
    for (const NetworkPolicy &policy : m_policies)
        if (!namespaces.count(policy.ns))
            skipped(policy.origin, policy.origin.label + ": no imported workloads in namespace " + policy.ns);
    for (const auto *objects : {&m_quotas, &m_limitRanges})
        for (const auto &[ns, origin] : *objects)
            if (!namespaces.count(ns))
                skipped(origin, origin.label + ": no imported workloads in namespace " + ns);
}

std::string KubernetesImporter::hostPathFinding(const Volume &volume, const VolumeMount &mount)
{
    const std::string path = normaliseHostPath(volume.hostPath);
    std::vector<std::string> remarks;
    if (path != volume.hostPath)
        remarks.push_back("written " + volume.hostPath);
    const bool socket = volume.hostPathType == "Socket" || (path.size() > 5 && path.compare(path.size() - 5, 5, ".sock") == 0);
    if (volume.hostPathType == "Socket")
        remarks.push_back("hostPath type Socket");
    // Read-only keeps a socket file from being replaced, not the service behind it from being used.
    if (socket && mount.readOnly)
        remarks.push_back("read-only does not restrict what the socket allows");
    std::optional<std::string> why = sensitiveHostPath(path);
    if (socket && !why)
        why = "a socket of a service on the host: whoever can connect to it acts with that service's rights; a container "
              "runtime's socket controls every container and the host";
    return "mounts the host " + std::string(socket ? "socket " : "path ") + path
           + (remarks.empty() ? std::string() : " (" + joined(remarks, "; ") + ")")
           + (socket ? std::string() : mount.readOnly ? " read-only" : " writable") + (why ? " — " + *why : std::string());
}

std::string KubernetesImporter::policyNote(const Workload &workload, std::int64_t port, const std::string &l4,
                                           const std::string &portName, Exposure::From from) const
{
    std::vector<std::string> isolating;
    std::vector<std::string> allowing;
    std::vector<std::string> conditional;
    for (const NetworkPolicy &policy : m_policies) {
        if (policy.ns != workload.ns || !policy.ingressType || !policy.podSelector.matches(workload.labels))
            continue;
        isolating.push_back(policy.name);
        for (const PolicyRule &rule : policy.ingress) {
            const bool portMatches = rule.ports.empty() || std::any_of(rule.ports.begin(), rule.ports.end(), [&](const PolicyPort &p) {
                if (p.protocol != l4)
                    return false;
                if (p.number)
                    return port >= *p.number && port <= p.endPort.value_or(*p.number);
                return p.name.empty() || p.name == portName;
            });
            if (!portMatches)
                continue;
            if (rule.peers.empty()) {
                allowing.push_back(policy.name);
                continue;
            }
            for (const PolicyPeer &peer : rule.peers) {
                // An ipBlock may match the ingress controller's pod too, depending on the plugin.
                if (!peer.cidr.empty()) {
                    (peer.everywhere() ? allowing : conditional).push_back(policy.name + " (from " + describeBlock(peer) + ")");
                } else if (from == Exposure::From::Ingress) {
                    std::string selector;
                    if (peer.namespaces)
                        selector += "namespaces " + peer.namespaces->describe();
                    if (peer.pods)
                        selector += (selector.empty() ? "" : ", ") + std::string("pods ") + peer.pods->describe();
                    conditional.push_back(policy.name + " (from " + selector + ")");
                }
            }
        }
    }
    auto unique = [](std::vector<std::string> &list) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    };
    unique(isolating);
    unique(allowing);
    unique(conditional);
    if (isolating.empty())
        return "No NetworkPolicy selects the target pods: traffic from anywhere is allowed.";
    if (!allowing.empty())
        return "NetworkPolicy allows it from anywhere: " + joined(allowing) + ".";
    if (!conditional.empty())
        return "NetworkPolicy allows it only if the source matches: " + joined(conditional) + ".";
    return "NetworkPolicy " + joined(isolating) + " isolates the target pods and no rule admits this traffic: it is blocked if the plugin enforces policies.";
}

void KubernetesImporter::addContainers(Workload &workload, std::size_t index)
{
    ThreatModel &model = m_result.model;
    const PodSpec &pod = workload.pod;
    const auto sa = m_serviceAccounts.find({workload.ns, pod.serviceAccount});
    const bool automount = pod.automountToken ? *pod.automountToken
                           : sa != m_serviceAccounts.end() && sa->second.automountToken ? *sa->second.automountToken
                                                                                        : true;
    std::string permission = "none";
    if (const auto it = m_permissions.find({workload.ns, pod.serviceAccount}); it != m_permissions.end())
        permission = permissionName(it->second);
    if (m_unknownPermissions.count({workload.ns, pod.serviceAccount}) && permission != "clusterWide")
        permission = "unknown";

    std::vector<std::string> names;
    for (std::size_t c = 0; c < pod.containers.size(); ++c) {
        const Container &container = pod.containers[c];
        const Origin origin{workload.origin.file, container.line, workload.origin.label};
        const std::string name = containerName(workload, container);
        names.push_back(name);
        Element element;
        element.id = m_builder.makeId(pod.containers.size() == 1 ? workload.name : workload.name + "-" + container.name);
        element.kind = "container";
        element.name = name;
        element.boundary = m_namespaceIds.at(workload.ns);
        PropertyMap &p = element.properties;
        p["platform"] = std::string("kubernetes");
        p["namespace"] = workload.ns;
        if (!container.image.empty()) {
            setImageProperties(p, container.image, false);
        } else {
            skipped(origin, name + ": no image given");
        }
        // The container's securityContext overrides the pod's.
        const SecurityContext &cs = container.security;
        const SecurityContext &ps = pod.security;
        const auto nonRoot = cs.runAsNonRoot ? cs.runAsNonRoot : ps.runAsNonRoot;
        p["runAsNonRoot"] = tri(nonRoot.value_or(false));
        if (const auto user = cs.runAsUser ? cs.runAsUser : ps.runAsUser) {
            p["runAsUser"] = std::to_string(*user);
            if (*user == 0)
                flagged(origin, name + ": runs as user 0 (root)");
        }
        // A Windows HostProcess container is a process on the node: as good as privileged.
        const bool hostProcess = cs.hostProcess ? *cs.hostProcess : ps.hostProcess.value_or(false);
        const bool privileged = cs.privileged.value_or(false) || hostProcess;
        p["privileged"] = privileged;
        if (cs.privileged.value_or(false))
            flagged(origin, name + ": privileged: true — every capability and device of the node, close to root on the host");
        if (hostProcess)
            flagged(origin, name + ": " + hostProcessFinding);
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
            flagged(origin, name + ": adds the capabilities " + joined(added));
        p["readOnlyRootFilesystem"] = cs.readOnlyRootFilesystem.value_or(false);
        p["seccompProfile"] = cs.seccomp ? *cs.seccomp : ps.seccomp ? *ps.seccomp : std::string("unconfined");
        // As the kubelet picks it: the container's field, then its annotation, then the pod's field.
        std::optional<std::string> appArmor = cs.appArmor;
        if (const auto it = pod.annotations.find("container.apparmor.security.beta.kubernetes.io/" + container.name);
            !appArmor && it != pod.annotations.end()) {
            appArmor = it->second == "runtime/default" ? "runtimeDefault" : it->second == "unconfined" ? "unconfined" : "custom";
        }
        if (!appArmor)
            appArmor = ps.appArmor;
        if (appArmor)
            p["appArmor"] = *appArmor;
        p["hostNetwork"] = pod.hostNetwork;
        p["hostPID"] = pod.hostPID;
        p["hostIPC"] = pod.hostIPC;
        if (pod.hostUsers)
            p["hostUsers"] = *pod.hostUsers;
        if (!pod.runtimeClass.empty()) {
            const std::string rc = lower(pod.runtimeClass);
            p["runtimeClass"] = std::string(rc.find("gvisor") != std::string::npos || rc.find("runsc") != std::string::npos ? "gvisor"
                                            : rc.find("kata") != std::string::npos                                            ? "kata"
                                            : rc == "crun"                                                                    ? "crun"
                                            : rc == "runc"                                                                    ? "runc"
                                                                                                                              : "other");
        }
        // Volumes: host paths, Secrets and ConfigMaps.
        p["hostPathMounts"] = StringList{};
        std::vector<std::string> volumeNotes;
        std::string propagation = "private";
        bool readsUnimportedConfigMap = false;
        bool credsInConfig = false;
        for (const VolumeMount &mount : container.mounts) {
            const Volume *volume = pod.volume(mount.volume);
            if (!volume)
                continue; // refused while reading
            if (mount.propagation == "Bidirectional")
                propagation = "bidirectional";
            else if (mount.propagation == "HostToContainer" && propagation == "private")
                propagation = "hostToContainer";
            if (volume->type == "hostPath") {
                // As the kernel resolves it, so that "/etc/" and "//etc" are "/etc" to the rules too.
                appendUnique(p, "hostPathMounts", normaliseHostPath(volume->hostPath) + (mount.readOnly ? ":ro" : ""));
                flagged(origin, name + ": " + hostPathFinding(*volume, mount));
            }
            for (const std::string &secret : volume->secrets)
                volumeNotes.push_back("Secret " + secret + " as files at " + mount.mountPath);
            for (const std::string &configMap : volume->configMaps) {
                volumeNotes.push_back("ConfigMap " + configMap + " as files at " + mount.mountPath);
                const auto it = m_configMaps.find({workload.ns, configMap});
                if (it == m_configMaps.end())
                    readsUnimportedConfigMap = true;
                else if (!it->second.secretLookingKeys.empty())
                    credsInConfig = true;
            }
            if (!volume->claim.empty())
                volumeNotes.push_back("persistent volume claim " + volume->claim + " at " + mount.mountPath);
        }
        if (propagation != "private")
            p["mountPropagation"] = propagation;
        // Ports: hostPort entries and hostNetwork ports are published on the node.
        for (const std::string &port : container.servicePorts)
            appendUnique(p, "requiredPorts", port);
        for (const ContainerPort &port : container.ports) {
            appendUnique(p, "requiredPorts", portText(port.containerPort, port.protocol));
            const std::int64_t hostPort = port.hostPort ? port.hostPort : pod.hostNetwork ? port.containerPort : 0;
            if (hostPort) {
                appendUnique(p, "publishedPorts", (port.hostIP.empty() ? std::string("0.0.0.0") : port.hostIP) + ":" + std::to_string(hostPort)
                                                      + "->" + portText(port.containerPort, port.protocol));
            }
        }
        if (pod.hostNetwork)
            flagged(origin, name + ": hostNetwork: true — shares the node's network namespace");
        if (pod.hostPID)
            flagged(origin, name + ": hostPID: true — sees and can signal the node's processes");
        if (pod.hostIPC)
            flagged(origin, name + ": hostIPC: true — shares the node's IPC namespace");
        for (const ContainerPort &port : container.ports)
            if (port.hostPort)
                flagged(origin, name + ": hostPort " + std::to_string(port.hostPort) + " opens " + portText(port.containerPort, port.protocol)
                                    + " on the node");
        // Node ports of NodePort and LoadBalancer Services are open on every node too.
        std::set<std::string> nodePorts;
        if (const auto it = m_exposuresOf.find({index, c}); it != m_exposuresOf.end())
            for (const std::size_t i : it->second)
                if (const Exposure &e = m_exposures[i]; !e.nodePort.empty()
                    && nodePorts.insert("0.0.0.0:" + e.nodePort + "->" + portText(e.port, e.l4)).second)
                    appendUnique(p, "publishedPorts", "0.0.0.0:" + e.nodePort + "->" + portText(e.port, e.l4));
        if (!container.memoryLimit.empty())
            p["memoryLimit"] = container.memoryLimit;
        if (!container.cpuLimit.empty())
            p["cpuLimit"] = container.cpuLimit;
        if (!container.storageLimit.empty())
            p["ephemeralStorageLimit"] = container.storageLimit;
        p["healthcheckDefined"] = container.probes;
        if (const auto policy = container.sidecar ? std::optional<std::string>("Always") : pod.restartPolicy) {
            p["restartPolicy"] = std::string(*policy == "Always" ? "always" : *policy == "OnFailure" ? "onFailure" : "no");
        } else if (workload.kind != Kind::Job && workload.kind != Kind::CronJob) {
            p["restartPolicy"] = std::string("always");
        }
        // Kubernetes pulls images tagged "latest" (or untagged) every time unless told otherwise.
        std::string pull = container.pullPolicy.value_or("");
        if (pull.empty()) {
            const std::string ref = container.image.substr(0, container.image.find('@'));
            const auto slash = ref.rfind('/');
            const auto colon = ref.rfind(':');
            const bool tagged = colon != std::string::npos && (slash == std::string::npos || colon > slash);
            const bool latest = !tagged || ref.substr(colon + 1) == "latest";
            pull = latest && container.image.find('@') == std::string::npos ? "Always" : "IfNotPresent";
        }
        p["imagePullPolicy"] = std::string(pull == "Always" ? "always" : pull == "Never" ? "never" : "ifNotPresent");
        // Identity.
        // A projected serviceAccountToken volume mounts a token whatever automountServiceAccountToken says.
        const bool projectedToken = std::any_of(container.mounts.begin(), container.mounts.end(), [&](const VolumeMount &mount) {
            const Volume *volume = pod.volume(mount.volume);
            return volume && volume->serviceAccountToken;
        });
        const bool tokenMounted = automount || projectedToken;
        p["serviceAccount"] = pod.serviceAccount;
        p["automountSAToken"] = tri(tokenMounted);
        p["saPermissions"] = permission;
        if (tokenMounted && permission == "clusterWide")
            flagged(origin, name + ": mounts the token of ServiceAccount " + workload.ns + "/" + pod.serviceAccount
                                + ", which holds cluster-wide permissions");
        // Secrets: in the environment is worse than as files.
        bool secretsInEnv = false;
        for (const auto &[variable, secret] : container.secretEnv) {
            secretsInEnv = true;
            flagged(origin, name + ": " + (variable == "envFrom" ? "every key of Secret " + secret + " is put in the environment"
                                                                 : "env " + variable + " takes its value from Secret " + secret)
                                + "; mount it as a file instead");
        }
        for (const std::string &variable : container.literalSecrets) {
            secretsInEnv = true;
            credsInConfig = true;
            flagged(origin, name + ": env " + variable + " is set to a literal value in the manifest (value not imported); keep it in a Secret mounted as a file");
        }
        for (const auto &[variable, configMap] : container.secretLookingFromConfigMap) {
            secretsInEnv = true;
            credsInConfig = true;
            flagged(origin, name + ": env " + variable + " looks like a secret but comes from ConfigMap " + configMap);
        }
        for (const std::string &configMap : container.configMapEnv) {
            const auto it = m_configMaps.find({workload.ns, configMap});
            if (it == m_configMaps.end()) {
                readsUnimportedConfigMap = true;
            } else if (!it->second.secretLookingKeys.empty()) {
                credsInConfig = true;
                secretsInEnv = true;
            }
        }
        std::set<std::string> secretsUsed;
        for (const auto &[variable, secret] : container.secretEnv)
            secretsUsed.insert(secret);
        for (const VolumeMount &mount : container.mounts)
            if (const Volume *volume = pod.volume(mount.volume))
                secretsUsed.insert(volume->secrets.begin(), volume->secrets.end());
        for (const std::string &secret : secretsUsed)
            if (const auto it = m_secrets.find({workload.ns, secret}); it != m_secrets.end() && it->second.keyCount > 0)
                credsInConfig = true;
        p["secretsInEnv"] = tri(secretsInEnv);
        if (credsInConfig)
            p["credsInConfig"] = std::string("yes");
        else if (!readsUnimportedConfigMap)
            p["credsInConfig"] = std::string("no");
        // Egress: limited when a policy isolates the pod's egress and none of the policies that
        // select it opens a way out to everywhere (Kubernetes adds up what they allow).
        bool egressIsolated = false;
        bool egressOpen = false;
        for (const NetworkPolicy &policy : m_policies) {
            if (policy.ns != workload.ns || !policy.podSelector.matches(workload.labels))
                continue;
            egressIsolated = egressIsolated || policy.egressType;
            egressOpen = egressOpen || policy.opensAll(true);
        }
        p["egressRestricted"] = tri(egressIsolated && !egressOpen);
        if (reachableFromInternet(index, c))
            p["acceptsUntrustedInput"] = std::string("yes");
        if (const auto role = container.image.empty() ? std::nullopt : wellKnownImage(container.image)) {
            appendUnique(p, "tags", role->kind + ":" + role->product);
            appendNote(p, "The image is a well-known " + role->kind + " (" + role->product
                              + "); it is kept a container so that its pod settings are analysed.");
        }
        // Notes: where it comes from, in words that do not depend on the machine.
        std::string from = "From " + workload.kindName + " " + workload.ns + "/" + workload.name;
        if (pod.containers.size() > 1)
            from += ", container " + container.name;
        if (container.sidecar)
            from += " (a sidecar init container: it runs beside the others)";
        else if (container.init)
            from += " (an init container: it runs to completion before the others start)";
        appendNote(p, from + ".");
        for (const std::string &note : workload.notes)
            appendNote(p, note);
        if (!volumeNotes.empty())
            appendNote(p, "Mounts " + joined(volumeNotes) + ".");
        if (!container.configMapEnv.empty()) {
            std::vector<std::string> unique(container.configMapEnv.begin(), container.configMapEnv.end());
            std::sort(unique.begin(), unique.end());
            unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
            appendNote(p, "Reads ConfigMap " + joined(unique) + " into its environment.");
        }
        workload.elementIds.push_back(element.id);
        m_builder.addElement(element);
    }
    for (const Container &ephemeral : pod.ephemeralContainers) {
        skipped(workload.origin, workload.origin.label + ": the ephemeral (debug) container " + ephemeral.name + " is not mapped");
        // Not an element, but it runs in the pod with these settings: say what makes it dangerous.
        const Origin origin{workload.origin.file, ephemeral.line, workload.origin.label};
        const std::string name = workloadName(workload) + ": the ephemeral (debug) container " + ephemeral.name;
        if (ephemeral.security.privileged.value_or(false))
            flagged(origin, name + ": privileged: true — every capability and device of the node, close to root on the host");
        if (ephemeral.security.hostProcess ? *ephemeral.security.hostProcess : pod.security.hostProcess.value_or(false))
            flagged(origin, name + ": " + hostProcessFinding);
        if (const auto added = ephemeral.security.capabilitiesAdded.value_or(std::vector<std::string>{}); !added.empty())
            flagged(origin, name + ": adds the capabilities " + joined(added));
        for (const VolumeMount &mount : ephemeral.mounts)
            if (const Volume *volume = pod.volume(mount.volume); volume && volume->type == "hostPath")
                flagged(origin, name + ": " + hostPathFinding(*volume, mount));
    }
    mapped(workload.origin, workload.origin.label + " → " + (names.size() == 1 ? "container " : std::to_string(names.size()) + " containers: ")
                                + joined(names));
}

void KubernetesImporter::addIngressElements()
{
    for (Ingress &ingress : m_ingresses) {
        Element element;
        element.id = ingress.elementId = m_builder.makeId("ingress-" + ingress.name);
        element.kind = "ingress";
        element.name = "ingress/" + ingress.name;
        element.boundary = m_namespaceIds.at(ingress.ns);
        PropertyMap &p = element.properties;
        p["product"] = std::string("ingressController");
        p["exposedToInternet"] = true;
        // TLS: every host the rules serve must be in a tls entry (one without hosts covers all).
        auto covered = [&](const std::string &host) {
            for (const Ingress::Tls &tls : ingress.tls) {
                if (tls.hosts.empty())
                    return true;
                for (const std::string &h : tls.hosts) {
                    if (h == host)
                        return true;
                    if (h.rfind("*.", 0) == 0 && host.size() > h.size() - 1 && host.compare(host.size() - (h.size() - 1), h.size() - 1, h.substr(1)) == 0
                        && host.find('.') == host.size() - (h.size() - 1))
                        return true;
                }
            }
            return false;
        };
        std::vector<std::string> plain;
        for (const std::string &host : ingress.hosts)
            if (!covered(host))
                plain.push_back(host);
        if (ingress.catchAllRule && !covered(""))
            plain.push_back("(any host)");
        const bool tls = !ingress.tls.empty() && plain.empty();
        p["tlsTermination"] = tri(tls);
        if (ingress.tls.empty())
            flagged(ingress.origin, ingress.origin.label + ": no tls section; clients reach it over plain HTTP");
        else if (!plain.empty())
            flagged(ingress.origin, ingress.origin.label + ": served without TLS for " + joined(plain));
        const Labels &a = ingress.annotations;
        auto annotated = [&](std::string_view name) { return a.count("nginx.ingress.kubernetes.io/" + std::string(name)) > 0; };
        if (const auto it = a.find("nginx.ingress.kubernetes.io/backend-protocol"); it != a.end())
            p["backendTls"] = tri(lower(it->second) == "https" || lower(it->second) == "grpcs");
        if (annotated("auth-url") || annotated("auth-type") || annotated("auth-tls-secret"))
            p["clientAuthentication"] = std::string("yes");
        if (annotated("limit-rps") || annotated("limit-rpm") || annotated("limit-connections"))
            p["rateLimiting"] = std::string("yes");
        if (const auto it = a.find("nginx.ingress.kubernetes.io/enable-modsecurity"); it != a.end() && lower(it->second) == "true")
            p["waf"] = std::string("yes");
        if (annotated("configuration-snippet") || annotated("server-snippet") || annotated("auth-snippet")) {
            p["snippetsAllowed"] = std::string("yes");
            flagged(ingress.origin, ingress.origin.label + ": uses configuration snippet annotations, so the controller allows them");
        }
        std::vector<std::string> notes;
        if (!ingress.className.empty())
            notes.push_back("Ingress class " + ingress.className + ".");
        if (!ingress.hosts.empty())
            notes.push_back("Hosts: " + joined(ingress.hosts) + ".");
        for (const Ingress::Tls &t : ingress.tls)
            if (!t.secretName.empty())
                notes.push_back("TLS certificate from Secret " + t.secretName + ".");
        if (const auto it = a.find("nginx.ingress.kubernetes.io/whitelist-source-range"); it != a.end())
            notes.push_back("Only from " + it->second + ".");
        notes.push_back("Stands for the ingress controller that serves this Ingress; the controller itself is not in the manifests.");
        for (const std::string &note : notes)
            appendNote(p, note);
        m_builder.addElement(element);
    }
}

void KubernetesImporter::addSecretStores()
{
    // One store per namespace whose workloads read Secrets, with a flow to each reader.
    for (const Workload &workload : m_workloads) {
        if (workload.skipped)
            continue;
        for (std::size_t c = 0; c < workload.pod.containers.size(); ++c) {
            const Container &container = workload.pod.containers[c];
            std::map<std::string, std::set<std::string>> how;
            for (const auto &[variable, secret] : container.secretEnv)
                how[secret].insert("environment");
            for (const VolumeMount &mount : container.mounts)
                if (const Volume *volume = workload.pod.volume(mount.volume))
                    for (const std::string &secret : volume->secrets)
                        how[secret].insert("files");
            if (how.empty())
                continue;
            std::string &store = m_secretStoreIds[workload.ns];
            if (store.empty()) {
                Element element;
                element.id = store = m_builder.makeId("secrets-" + workload.ns);
                element.kind = "secrets-store";
                element.name = "Kubernetes Secrets (" + workload.ns + ")";
                element.boundary = m_namespaceIds.at(workload.ns);
                element.properties["product"] = std::string("k8sSecrets");
                std::vector<std::string> declared;
                for (const auto &[key, secret] : m_secrets)
                    if (key.first == workload.ns)
                        declared.push_back(key.second);
                appendNote(element.properties, "The Secrets of namespace " + workload.ns + ", read by the kubelet for the pods that use them."
                                                   + (declared.empty() ? std::string() : " Defined in the imported manifests: " + joined(declared) + "."));
                m_builder.addElement(element);
            }
            std::vector<std::string> parts;
            std::vector<std::string> names;
            for (const auto &[secret, ways] : how) {
                std::vector<std::string> list(ways.begin(), ways.end());
                parts.push_back(secret + " (" + joined(list, " and ") + ")");
                names.push_back(secret);
            }
            PropertyMap properties;
            properties["carriesSecrets"] = true;
            properties["protocol"] = std::string("kubeApi");
            properties["encrypted"] = std::string("yes");
            properties["notes"] = "Delivered by the kubelet: Secret " + joined(parts) + ". As files they can be rotated and stay out of the "
                                  "environment; in the environment, child processes and crash dumps can see them.";
            m_builder.addFlow(store, workload.elementIds[c], "Secret " + joined(names), properties);
        }
    }
    for (const auto &[key, secret] : m_secrets) {
        if (secret.keyCount > 0)
            flagged(secret.origin, secret.origin.label + ": the manifest carries the Secret's data (" + std::to_string(secret.keyCount)
                                       + (secret.keyCount == 1 ? " key" : " keys") + ", values not imported); keep Secret values out of manifests");
        else
            mapped(secret.origin, secret.origin.label + ": declared without data");
    }
    for (const auto &[key, configMap] : m_configMaps) {
        if (!configMap.secretLookingKeys.empty())
            flagged(configMap.origin, configMap.origin.label + ": keys that look like secrets (" + joined(configMap.secretLookingKeys)
                                          + "; values not imported); ConfigMaps are not for secrets");
        else
            mapped(configMap.origin, configMap.origin.label + ": recorded on the containers that read it");
    }
    for (const auto &[key, account] : m_serviceAccounts)
        mapped(account.origin, account.origin.label + ": recorded on the containers that run as it"
                                   + (account.automountToken ? std::string(", automountServiceAccountToken ") + (*account.automountToken ? "true" : "false") : ""));
}

void KubernetesImporter::addClients()
{
    // Who reaches the exposed workloads: anyone on the internet, or whoever reaches the nodes.
    const bool internet = !m_ingresses.empty() || std::any_of(m_exposures.begin(), m_exposures.end(), [](const Exposure &e) {
        return e.from == Exposure::From::Internet;
    });
    const bool network = std::any_of(m_exposures.begin(), m_exposures.end(), [](const Exposure &e) {
        return e.from == Exposure::From::NodeNetwork;
    });
    if (internet) {
        Element element;
        element.kind = "external-user";
        element.id = m_internetClientId = m_builder.makeId("internet-clients");
        element.name = "Internet clients";
        element.boundary = m_internetId;
        element.properties["onInternet"] = true;
        element.properties["role"] = std::string("anonymousInternet");
        element.properties["trustLevel"] = std::string("untrusted");
        appendNote(element.properties, "Anyone on the internet: load balancers and ingresses accept their traffic.");
        m_builder.addElement(element);
    }
    if (network) {
        Element element;
        element.kind = "external-user";
        element.id = m_nodeClientId = m_builder.makeId("network-clients");
        element.name = "Clients on the nodes' network";
        element.properties["onInternet"] = false;
        appendNote(element.properties, "Whoever can reach the cluster's nodes or its private network: node ports, host ports, "
                                       "host-network pods, external IPs and internal load balancers are open to them.");
        m_builder.addElement(element);
    }
}

void KubernetesImporter::addExposureFlows()
{
    ThreatModel &model = m_result.model;
    for (const Ingress &ingress : m_ingresses) {
        const bool tls = std::get<std::string>(model.findElement(ingress.elementId)->properties.at("tlsTermination")) == "yes";
        PropertyMap properties;
        properties["protocol"] = std::string(tls ? "https" : "http");
        properties["port"] = std::int64_t(tls ? 443 : 80);
        properties["encrypted"] = tri(tls);
        properties["notes"] = "HTTP requests for " + (ingress.hosts.empty() ? std::string("any host") : joined(ingress.hosts)) + ".";
        m_builder.addFlow(m_internetClientId, ingress.elementId, "Requests to ingress/" + ingress.name, properties);
    }
    for (const Exposure &e : m_exposures) {
        const Workload &workload = m_workloads[e.workload];
        const std::string source = e.from == Exposure::From::Ingress ? m_ingresses[e.ingress].elementId
                                   : e.from == Exposure::From::Internet ? m_internetClientId
                                                                        : m_nodeClientId;
        PropertyMap properties;
        properties["protocol"] = e.protocol;
        properties["port"] = e.port;
        if (const auto encrypted = encryptedBy(e.protocol))
            properties["encrypted"] = *encrypted;
        properties["notes"] = e.notes + "\n" + policyNote(workload, e.port, e.l4, e.portName, e.from);
        m_builder.addFlow(source, workload.elementIds[e.container], e.name, properties);
    }
}

void KubernetesImporter::layOut()
{
    // A plain grid, used when the automatic layout is not available: namespaces side by side in
    // the cluster, elements in rows of three inside them, clients on the left.
    using Grid = ImportModelBuilder;
    constexpr double top = 20;
    double x = 20;
    if (!m_internetId.empty())
        x += m_builder.layOutBoundary(m_internetId, x, top).width + Grid::gap;
    if (!m_nodeClientId.empty()) {
        m_builder.placeElement(m_nodeClientId, x, top + Grid::titleHeight);
        x += Grid::elementWidth + Grid::gap;
    }
    const double clusterX = x;
    x += Grid::padding;
    double bottom = top + Grid::titleHeight;
    for (const auto &[ns, id] : m_namespaceIds) {
        const Grid::Size size = m_builder.layOutBoundary(id, x, top + Grid::titleHeight);
        x += size.width + Grid::gap;
        bottom = std::max(bottom, top + Grid::titleHeight + size.height);
    }
    m_result.model.findBoundary(m_clusterId)->geometry =
        Rect{clusterX, top, std::max(x - Grid::gap + Grid::padding - clusterX, 2 * Grid::padding),
             bottom + Grid::padding - top};
}

void KubernetesImporter::build()
{
    markOwnedObjects();
    std::map<std::string, std::set<std::string>> kindsOf;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            kindsOf[w.ns + "/" + w.name].insert(w.kindName);
    for (const auto &[name, kinds] : kindsOf)
        if (kinds.size() > 1)
            m_sharedWithinNamespace.insert(name);
    std::map<std::string, std::set<std::string>> namespacesOf;
    for (const Workload &w : m_workloads)
        if (!w.skipped)
            namespacesOf[(m_sharedWithinNamespace.count(w.ns + "/" + w.name) ? lower(w.kindName) + "/" : std::string()) + w.name]
                .insert(w.ns);
    for (const auto &[name, namespaces] : namespacesOf)
        if (namespaces.size() > 1)
            m_sharedAcrossNamespaces.insert(name);
    computePermissions();
    planExposures();
    addBoundaries();
    addClients();
    for (std::size_t i = 0; i < m_workloads.size(); ++i)
        if (!m_workloads[i].skipped)
            addContainers(m_workloads[i], i);
    addIngressElements();
    addSecretStores();
    addExposureFlows();
    m_builder.noteOmittedFlowNotes("routes or Services to the same port");
    layOut();

    ThreatModel &model = m_result.model;
    const std::vector<std::string> names = fileNames(m_files);
    model.metadata().title = "Kubernetes: " + (names.size() == 1 ? names.front() : std::to_string(names.size()) + " manifest files");
    model.metadata().description = "Imported from the Kubernetes manifests " + joined(names)
                                   + ". Environment variable values, Secret data and ConfigMap values were not imported.";
}

void KubernetesImporter::finishReport()
{
    std::vector<ImportFinding> *targets[3] = {&m_result.report.mapped, &m_result.report.flagged, &m_result.report.skipped};
    for (int i = 0; i < 3; ++i) {
        std::stable_sort(m_findings[i].begin(), m_findings[i].end(), [](const PendingFinding &a, const PendingFinding &b) {
            return std::tie(a.file, a.line) < std::tie(b.file, b.line);
        });
        for (PendingFinding &pending : m_findings[i])
            targets[i]->push_back(std::move(pending.finding));
    }
}

Result<ImportResult> KubernetesImporter::run(const std::vector<std::string> &paths)
{
    try {
        collectFiles(paths);
        for (std::size_t i = 0; i < m_files.size(); ++i) {
            m_reading = i;
            // What the import needs is copied out, so each file's tree is dropped after reading.
            const auto file = readYamlFile(m_files[i]);
            if (!file)
                return Result<ImportResult>::failure(file.error());
            for (const YamlNode &document : file->documents)
                readDocument(document, int(i));
        }
        m_reading.reset();
        if (m_defined.empty() && m_findings[2].empty())
            return Result<ImportResult>::failure(m_files.front() + (m_files.size() > 1 ? " and the other files" : std::string())
                                                 + ": no Kubernetes objects found");
        build();
        finishReport();
    } catch (const ImportFailure &failure) {
        return Result<ImportResult>::failure(failure.message);
    } catch (const std::exception &e) {
        // The file being read when it happened; while building the model, every file.
        const std::string where = m_reading ? m_files[*m_reading]
                                  : m_files.empty() ? std::string("import")
                                                    : m_files.front() + (m_files.size() > 1 ? " and the other files" : "");
        return Result<ImportResult>::failure(where + ": cannot import: " + e.what());
    }
    return std::move(m_result);
}

} // namespace

Result<ImportResult> importKubernetes(const std::vector<std::string> &paths)
{
    KubernetesImporter importer;
    return refuseOverBudget(importer.run(paths), paths.empty() ? std::string() : paths.front());
}

} // namespace bulkhead
