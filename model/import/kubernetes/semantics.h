#pragma once

#include "import/kubernetes/objects.h"

#include <cstdint>
#include <optional>
#include <string>

// What Kubernetes settings mean for the threat model: protocols, built-in roles, the findings
// risky settings bring, the model values of pod settings. Pure functions of their arguments.

namespace bulkhead {
struct WellKnownImage;
}

namespace bulkhead::kubernetes {

inline constexpr const char *privilegedFinding =
    "privileged: true — every capability and device of the node, close to root on the host";
inline constexpr const char *hostProcessFinding =
    "windowsOptions.hostProcess: true — runs as a process on the Windows node, outside "
    "container isolation, with the node's files, network and devices: as good as privileged";

/** "10.0.0.0/8", "0.0.0.0/0 except 169.254.169.254/32". */
std::string describeBlock(const PolicyPeer &peer);

/** "8080/tcp". */
std::string portText(std::int64_t port, const std::string &l4);

/** The flow protocol for a port, from its appProtocol, its name, then what `image` (when known)
 *  speaks on it by the image table, then its number. */
std::string flowProtocol(std::int64_t port, const std::string &name, const std::string &appProtocol,
                         const std::string &l4, const WellKnownImage *image = nullptr);

/** "yes" for encrypted protocols, "no" for plain ones, nothing when the protocol does not say. */
std::optional<std::string> encryptedBy(const std::string &protocol);

/** Role names Kubernetes defines itself, when the input does not define them. */
std::optional<Role> builtInClusterRole(const std::string &name);

/** The model's saPermissions value. */
const char *permissionName(Permission p);

/** "mounts the host path /etc read-only — why", for the report. */
std::string hostPathFinding(const Volume &volume, const VolumeMount &mount);

/** The container's AppArmor profile as the kubelet picks it, in model values; nothing if unset. */
std::optional<std::string> appArmorProfile(const PodSpec &pod, const Container &container);

/** The model's runtimeClass for a RuntimeClass name: gvisor, kata, crun, runc or other. */
std::string runtimeClassValue(const std::string &runtimeClass);

/** The model's imagePullPolicy, with Kubernetes' default for an image without one. */
std::string imagePullPolicyValue(const Container &container);

/** The labels hold every key and value of a Service's selector. */
bool selectorMatches(const Labels &selector, const Labels &labels);

} // namespace bulkhead::kubernetes
