#include "import/kubernetes/semantics.h"

#include "import/importsupport.h"
#include "import/portprotocol.h"

#include <algorithm>
#include <map>
#include <vector>

namespace bulkhead::kubernetes {

/** "10.0.0.0/8", "0.0.0.0/0 except 169.254.169.254/32". */
std::string describeBlock(const PolicyPeer &peer)
{
    return peer.cidr + (peer.except.empty() ? std::string() : " except " + joined(peer.except));
}

std::string portText(std::int64_t port, const std::string &l4)
{
    return std::to_string(port) + "/" + lower(l4);
}

/** The flow protocol for a port, from its appProtocol, its name, then its number. */
std::string flowProtocol(std::int64_t port, const std::string &name, const std::string &appProtocol,
                         const std::string &l4, const WellKnownImage *image)
{
    if (l4 == "UDP")
        return portProtocol(long(port), "udp", port > 0 ? image : nullptr);
    const std::string app = lower(appProtocol);
    if (app == "https" || app == "kubernetes.io/wss")
        return "https";
    if (app == "http" || app == "kubernetes.io/h2c" || app == "kubernetes.io/ws" || app == "http2"
        || app == "h2c")
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
        {"https", "https"}, {"http", "http"},         {"http2", "http"},
        {"grpc", "grpc"},   {"grpcs", "grpcTls"},     {"tls", "tls"},
        {"redis", "redis"}, {"postgres", "postgres"}, {"postgresql", "postgres"},
        {"mysql", "mysql"}, {"amqp", "amqp"},         {"kafka", "kafka"},
        {"dns", "dns"},     {"ssh", "ssh"},           {"tcp", "tcp"}};
    if (const auto it = byName.find(prefix); it != byName.end())
        return it->second;
    return portProtocol(long(port), "tcp", port > 0 ? image : nullptr);
}

/** "yes" for encrypted protocols, "no" for plain ones, nothing when the protocol does not say. */
std::optional<std::string> encryptedBy(const std::string &protocol)
{
    if (protocol == "https" || protocol == "grpcTls" || protocol == "tls" || protocol == "ssh"
        || protocol == "wireguard" || protocol == "ipsec")
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
    // Of the four, only view leaves Secrets out.
    if (name == "cluster-admin") {
        role.wildcard = true;
        role.writes = true;
        role.readsSecrets = true;
    } else if (name == "admin" || name == "edit") {
        role.writes = true;
        role.readsSecrets = true;
    } else if (name != "view") {
        return std::nullopt;
    }
    return role;
}

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

std::string hostPathFinding(const Volume &volume, const VolumeMount &mount)
{
    const std::string path = normaliseHostPath(volume.hostPath);
    std::vector<std::string> remarks;
    if (path != volume.hostPath)
        remarks.push_back("written " + volume.hostPath);
    const bool socket = volume.hostPathType == "Socket"
                        || (path.size() > 5 && path.compare(path.size() - 5, 5, ".sock") == 0);
    if (volume.hostPathType == "Socket")
        remarks.push_back("hostPath type Socket");
    // Read-only keeps a socket file from being replaced, not the service behind it from being used.
    if (socket && mount.readOnly)
        remarks.push_back("read-only does not restrict what the socket allows");
    std::optional<std::string> why = sensitiveHostPath(path);
    if (socket && !why)
        why = "a socket of a service on the host: whoever can connect to it acts with that "
              "service's rights; a container "
              "runtime's socket controls every container and the host";
    return "mounts the host " + std::string(socket ? "socket " : "path ") + path
           + (remarks.empty() ? std::string() : " (" + joined(remarks, "; ") + ")")
           + (socket           ? std::string()
              : mount.readOnly ? " read-only"
                               : " writable")
           + (why ? " — " + *why : std::string());
}

std::optional<std::string> appArmorProfile(const PodSpec &pod, const Container &container)
{
    // As the kubelet picks it: the container's field, then its annotation, then the pod's field.
    std::optional<std::string> appArmor = container.security.appArmor;
    if (const auto it = pod.annotations.find("container.apparmor.security.beta.kubernetes.io/"
                                             + container.name);
        !appArmor && it != pod.annotations.end()) {
        appArmor = it->second == "runtime/default" ? "runtimeDefault"
                   : it->second == "unconfined"    ? "unconfined"
                                                   : "custom";
    }
    if (!appArmor)
        appArmor = pod.security.appArmor;
    return appArmor;
}

std::string runtimeClassValue(const std::string &runtimeClass)
{
    std::string rc = lower(runtimeClass);
    if (rc.find("gvisor") != std::string::npos || rc.find("runsc") != std::string::npos)
        return "gvisor";
    if (rc.find("kata") != std::string::npos)
        return "kata";
    if (rc == "crun" || rc == "runc")
        return rc;
    return "other";
}

std::string imagePullPolicyValue(const Container &container)
{
    // Kubernetes pulls images tagged "latest" (or untagged) every time unless told otherwise.
    std::string pull = container.pullPolicy.value_or("");
    if (pull.empty()) {
        const std::string ref = container.image.substr(0, container.image.find('@'));
        const auto slash = ref.rfind('/');
        const auto colon = ref.rfind(':');
        const bool tagged = colon != std::string::npos
                            && (slash == std::string::npos || colon > slash);
        const bool latest = !tagged || ref.substr(colon + 1) == "latest";
        pull = latest && container.image.find('@') == std::string::npos ? "Always" : "IfNotPresent";
    }
    return pull == "Always" ? "always" : pull == "Never" ? "never" : "ifNotPresent";
}

bool selectorMatches(const Labels &selector, const Labels &labels)
{
    return std::all_of(selector.begin(), selector.end(), [&](const auto &entry) {
        const auto it = labels.find(entry.first);
        return it != labels.end() && it->second == entry.second;
    });
}

} // namespace bulkhead::kubernetes
