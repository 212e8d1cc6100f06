#pragma once

#include "import/yamlfields.h"

#include <string>
#include <string_view>
#include <vector>

// The Kubernetes API as the import knows it: the kinds it maps and the field names of every
// object it reads (Kubernetes 1.33), as data. Fields that the import does not interpret are
// allowed but their contents are not checked.

namespace bulkhead::kubernetes {

enum class Kind {
    Pod,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    Job,
    CronJob,
    Service,
    Ingress,
    Gateway,
    HTTPRoute,
    GRPCRoute,
    TLSRoute,
    TCPRoute,
    UDPRoute,
    NetworkPolicy,
    Namespace,
    Role,
    ClusterRole,
    RoleBinding,
    ClusterRoleBinding,
    ServiceAccount,
    Secret,
    ConfigMap,
    ResourceQuota,
    LimitRange,
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

/** The kinds the import maps, with the API groups that define them. */
const std::vector<KindInfo> &kinds();

/** Why well-known kinds that do not become part of the model are left out. */
std::string skipReason(std::string_view kind);

extern const KeyList metadataKeys;
extern const KeyList ownerReferenceKeys;
extern const KeyList templateKeys;
extern const KeyList deploymentSpecKeys;
extern const KeyList statefulSetSpecKeys;
extern const KeyList daemonSetSpecKeys;
extern const KeyList replicaSetSpecKeys;
extern const KeyList jobSpecKeys;
extern const KeyList cronJobSpecKeys;
extern const KeyList podSpecKeys;
extern const KeyList containerKeys;
extern const KeyList ephemeralContainerKeys;
extern const KeyList containerSecurityKeys;
extern const KeyList podSecurityKeys;
extern const KeyList capabilitiesKeys;
extern const KeyList profileKeys;
extern const KeyList containerPortKeys;
extern const KeyList envKeys;
extern const KeyList envSourceKeys;
extern const KeyList keyRefKeys;
extern const KeyList envFromKeys;
extern const KeyList nameRefKeys;
extern const KeyList resourcesKeys;
extern const KeyList volumeMountKeys;
extern const KeyList volumeKeys;
extern const KeyList hostPathKeys;
extern const KeyList secretVolumeKeys;
extern const KeyList configMapVolumeKeys;
extern const KeyList projectedKeys;
extern const KeyList projectionKeys;
extern const KeyList projectedItemKeys;
extern const KeyList claimKeys;
extern const KeyList serviceSpecKeys;
extern const KeyList servicePortKeys;
extern const KeyList ingressSpecKeys;
extern const KeyList ingressTlsKeys;
extern const KeyList ingressRuleKeys;
extern const KeyList ingressHttpKeys;
extern const KeyList ingressPathKeys;
extern const KeyList ingressBackendKeys;
extern const KeyList ingressServiceKeys;
extern const KeyList ingressPortKeys;
extern const KeyList networkPolicySpecKeys;
extern const KeyList ingressRuleOfPolicyKeys;
extern const KeyList egressRuleOfPolicyKeys;
extern const KeyList peerKeys;
extern const KeyList ipBlockKeys;
extern const KeyList policyPortKeys;
extern const KeyList selectorKeys;
extern const KeyList expressionKeys;
extern const KeyList policyRuleKeys;
extern const KeyList subjectKeys;
extern const KeyList roleRefKeys;
extern const KeyList namespaceSpecKeys;
extern const KeyList protocols;

} // namespace bulkhead::kubernetes
