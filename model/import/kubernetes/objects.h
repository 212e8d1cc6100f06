#pragma once

#include "import/environmentvariable.h"
#include "import/kubernetes/schema.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// What the import reads from the manifests, in plain data.

namespace bulkhead::kubernetes {

using Labels = std::map<std::string, std::string>;

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
            const bool in = it != labels.end()
                            && std::find(e.values.begin(), e.values.end(), it->second)
                                   != e.values.end();
            if ((e.op == "In" && !in) || (e.op == "NotIn" && in)
                || (e.op == "Exists" && it == labels.end())
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

/** One env entry (or one envFrom source) of a container and where its value comes from. Its
 *  name, for envFrom, is the prefix of every key's variable; its value is the literal `value`. */
struct EnvEntry : EnvironmentVariable
{
    int line = 0;
    /** valueFrom or envFrom: the Secret or ConfigMap, and the key (empty for envFrom). */
    std::string secret;
    std::string configMap;
    std::string key;
    bool wholeObject = false;
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
    /** command, then args, in memory only: an argument may hold a password. */
    std::vector<std::string> arguments;
    /** `command` is set: it replaces the image's entrypoint (args alone only pass it flags). */
    bool entrypointReplaced = false;
    /** "PORT/proto" entries Services send traffic to. */
    std::vector<std::string> servicePorts;
    /** Every env and envFrom entry, with a literal value held in memory only: the credential
     *  checks, the image's insecure defaults and the inferred flows read it; never copied into
     *  the model or the report. */
    std::vector<EnvEntry> environment;

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

/** A Gateway API listener: where a Gateway accepts connections. */
struct GatewayListener
{
    std::string name;
    std::string protocol; ///< HTTP, HTTPS, TLS, TCP, UDP (or an implementation's own)
    std::int64_t port = 0;
    std::string hostname;
    std::string tlsMode;              ///< Terminate or Passthrough, for HTTPS and TLS
    std::string allowedFrom = "Same"; ///< which namespaces' routes may attach
    std::optional<LabelSelector> allowedNamespaces;
    int line = 0;

    /** Client connections to it are served over TLS. */
    bool tls() const { return protocol == "HTTPS" || protocol == "TLS"; }
};

struct Gateway
{
    Origin origin;
    std::string name;
    std::string ns;
    std::string className;
    std::vector<GatewayListener> listeners;
    std::string elementId;
};

/** A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute): which Gateways'
 * listeners send which traffic to which Services. */
struct GatewayRoute
{
    Origin origin;
    std::string kind;
    std::string name;
    std::string ns;
    struct Parent
    {
        std::string kind; ///< Gateway, or Service for a mesh route
        std::string name;
        std::string ns;
        std::string sectionName;
        std::optional<std::int64_t> port;
        int line = 0;
    };
    std::vector<Parent> parents;
    std::vector<std::string> hostnames;
    struct Backend
    {
        std::string kind; ///< Service unless the route names another kind
        std::string name;
        std::string ns;
        std::optional<std::int64_t> port;
        int line = 0;
    };
    std::vector<Backend> backends;
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
               && (peers.empty()
                   || std::any_of(peers.begin(), peers.end(),
                                  [](const PolicyPeer &p) { return p.everywhere(); }));
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
        return isolates(egress) && std::any_of(rules.begin(), rules.end(), [](const PolicyRule &r) {
                   return r.opensAll();
               });
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
    /** Whether get, list or watch reaches every Secret in the role's scope (no resourceNames). */
    bool readsSecrets = false;
    /** The line of the rule that grants it; 0 for a role Kubernetes defines itself. */
    int readsSecretsLine = 0;
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
    /** data (decoded) and stringData by key, in memory only: compared by the credential
     *  checks, never copied into the model, a report or a message. */
    std::map<std::string, std::string> values;
};

struct ConfigMapObject
{
    Origin origin;
    /** Keys whose names say they hold a secret (never their values). */
    std::vector<std::string> secretLookingKeys;
    /**
     * data's text values and lines by key, in memory only: the credential checks compare them
     * and a value naming a Service is a flow (inferflows.cpp). Never copied into the model or
     * the report.
     */
    std::map<std::string, std::pair<std::string, int>> values;
};

struct NamespaceObject
{
    Origin origin;
    Labels labels;
};

/** One path of an ingress or service exposure, before the model's flows exist. */
struct Exposure
{
    enum class From { Internet, NodeNetwork, Ingress, Gateway };
    From from = From::Internet;
    std::size_t ingress = 0;
    std::size_t gateway = 0;
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

    /** Through a proxy in the cluster (an Ingress's controller or a Gateway) from the internet. */
    bool throughProxy() const { return from == From::Ingress || from == From::Gateway; }
};

/** A container a Service port sends traffic to, and the port it reaches there. */
struct ServiceBackend
{
    std::size_t workload = 0;
    std::size_t container = 0;
    std::int64_t targetPort = 0;
};

/** What a ServiceAccount may do in the cluster, as the model records it (saPermissions). */
enum class Permission { None, NamespaceRead, NamespaceWrite, ClusterWide };

} // namespace bulkhead::kubernetes
