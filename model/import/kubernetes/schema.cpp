#include "import/kubernetes/schema.h"

#include <map>

namespace bulkhead::kubernetes {

// ---------------------------------------------------------------------------------------------
// The field names of the API objects the import reads (Kubernetes 1.33). Fields that the import
// does not interpret are allowed but their contents are not checked.

const KeyList metadataKeys{"name",
                           "generateName",
                           "namespace",
                           "labels",
                           "annotations",
                           "uid",
                           "resourceVersion",
                           "generation",
                           "creationTimestamp",
                           "deletionTimestamp",
                           "deletionGracePeriodSeconds",
                           "ownerReferences",
                           "finalizers",
                           "managedFields",
                           "selfLink",
                           "clusterName"};
const KeyList ownerReferenceKeys{"apiVersion", "kind",       "name",
                                 "uid",        "controller", "blockOwnerDeletion"};
const KeyList templateKeys{"metadata", "spec"};
const KeyList deploymentSpecKeys{"replicas",        "selector",
                                 "template",        "strategy",
                                 "minReadySeconds", "revisionHistoryLimit",
                                 "paused",          "progressDeadlineSeconds",
                                 "rollbackTo"};
const KeyList statefulSetSpecKeys{"replicas",        "selector",
                                  "template",        "volumeClaimTemplates",
                                  "serviceName",     "podManagementPolicy",
                                  "updateStrategy",  "revisionHistoryLimit",
                                  "minReadySeconds", "persistentVolumeClaimRetentionPolicy",
                                  "ordinals"};
const KeyList daemonSetSpecKeys{
    "selector",          "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit",
    "templateGeneration"};
const KeyList replicaSetSpecKeys{"replicas", "minReadySeconds", "selector", "template"};
const KeyList jobSpecKeys{"parallelism",
                          "completions",
                          "activeDeadlineSeconds",
                          "podFailurePolicy",
                          "successPolicy",
                          "backoffLimit",
                          "backoffLimitPerIndex",
                          "maxFailedIndexes",
                          "selector",
                          "manualSelector",
                          "template",
                          "ttlSecondsAfterFinished",
                          "completionMode",
                          "suspend",
                          "podReplacementPolicy",
                          "managedBy"};
const KeyList cronJobSpecKeys{
    "schedule", "timeZone",    "startingDeadlineSeconds",    "concurrencyPolicy",
    "suspend",  "jobTemplate", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"};
const KeyList podSpecKeys{"volumes",
                          "initContainers",
                          "containers",
                          "ephemeralContainers",
                          "restartPolicy",
                          "terminationGracePeriodSeconds",
                          "activeDeadlineSeconds",
                          "dnsPolicy",
                          "nodeSelector",
                          "serviceAccountName",
                          "serviceAccount",
                          "automountServiceAccountToken",
                          "nodeName",
                          "hostNetwork",
                          "hostPID",
                          "hostIPC",
                          "shareProcessNamespace",
                          "securityContext",
                          "imagePullSecrets",
                          "hostname",
                          "subdomain",
                          "affinity",
                          "schedulerName",
                          "tolerations",
                          "hostAliases",
                          "priorityClassName",
                          "priority",
                          "dnsConfig",
                          "readinessGates",
                          "runtimeClassName",
                          "enableServiceLinks",
                          "preemptionPolicy",
                          "overhead",
                          "topologySpreadConstraints",
                          "setHostnameAsFQDN",
                          "os",
                          "hostUsers",
                          "schedulingGates",
                          "resourceClaims",
                          "resources",
                          "hostnameOverride"};
const KeyList containerKeys{"name",
                            "image",
                            "command",
                            "args",
                            "workingDir",
                            "ports",
                            "envFrom",
                            "env",
                            "resources",
                            "resizePolicy",
                            "restartPolicy",
                            "restartPolicyRules",
                            "volumeMounts",
                            "volumeDevices",
                            "livenessProbe",
                            "readinessProbe",
                            "startupProbe",
                            "lifecycle",
                            "terminationMessagePath",
                            "terminationMessagePolicy",
                            "imagePullPolicy",
                            "securityContext",
                            "stdin",
                            "stdinOnce",
                            "tty"};
// An ephemeral container takes every field of a container, and names the one it debugs.
const KeyList ephemeralContainerKeys = [] {
    KeyList keys = containerKeys;
    keys.push_back("targetContainerName");
    return keys;
}();
const KeyList containerSecurityKeys{"capabilities",
                                    "privileged",
                                    "seLinuxOptions",
                                    "windowsOptions",
                                    "runAsUser",
                                    "runAsGroup",
                                    "runAsNonRoot",
                                    "readOnlyRootFilesystem",
                                    "allowPrivilegeEscalation",
                                    "procMount",
                                    "seccompProfile",
                                    "appArmorProfile"};
const KeyList podSecurityKeys{"seLinuxOptions",
                              "windowsOptions",
                              "runAsUser",
                              "runAsGroup",
                              "runAsNonRoot",
                              "supplementalGroups",
                              "supplementalGroupsPolicy",
                              "fsGroup",
                              "sysctls",
                              "fsGroupChangePolicy",
                              "seccompProfile",
                              "appArmorProfile",
                              "seLinuxChangePolicy"};
const KeyList capabilitiesKeys{"add", "drop"};
const KeyList profileKeys{"type", "localhostProfile"};
const KeyList containerPortKeys{"name", "hostPort", "containerPort", "protocol", "hostIP"};
const KeyList envKeys{"name", "value", "valueFrom"};
const KeyList envSourceKeys{"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef",
                            "fileKeyRef"};
const KeyList keyRefKeys{"name", "key", "optional"};
const KeyList envFromKeys{"prefix", "configMapRef", "secretRef"};
const KeyList nameRefKeys{"name", "optional"};
const KeyList resourcesKeys{"limits", "requests", "claims"};
const KeyList volumeMountKeys{"name",    "readOnly",         "recursiveReadOnly", "mountPath",
                              "subPath", "mountPropagation", "subPathExpr"};
const KeyList volumeKeys{"name",
                         "hostPath",
                         "emptyDir",
                         "gcePersistentDisk",
                         "awsElasticBlockStore",
                         "gitRepo",
                         "secret",
                         "nfs",
                         "iscsi",
                         "glusterfs",
                         "persistentVolumeClaim",
                         "rbd",
                         "flexVolume",
                         "cinder",
                         "cephfs",
                         "flocker",
                         "downwardAPI",
                         "fc",
                         "azureFile",
                         "configMap",
                         "vsphereVolume",
                         "quobyte",
                         "azureDisk",
                         "photonPersistentDisk",
                         "projected",
                         "portworxVolume",
                         "scaleIO",
                         "storageos",
                         "csi",
                         "ephemeral",
                         "image"};
const KeyList hostPathKeys{"path", "type"};
const KeyList secretVolumeKeys{"secretName", "items", "defaultMode", "optional"};
const KeyList configMapVolumeKeys{"name", "items", "defaultMode", "optional"};
const KeyList projectedKeys{"sources", "defaultMode"};
const KeyList projectionKeys{
    "secret",        "configMap", "downwardAPI", "serviceAccountToken", "clusterTrustBundle",
    "podCertificate"};
const KeyList projectedItemKeys{"name", "items", "optional"};
const KeyList claimKeys{"claimName", "readOnly"};
const KeyList serviceSpecKeys{"type",
                              "selector",
                              "ports",
                              "clusterIP",
                              "clusterIPs",
                              "externalIPs",
                              "sessionAffinity",
                              "loadBalancerIP",
                              "loadBalancerSourceRanges",
                              "externalName",
                              "externalTrafficPolicy",
                              "healthCheckNodePort",
                              "publishNotReadyAddresses",
                              "sessionAffinityConfig",
                              "ipFamilies",
                              "ipFamilyPolicy",
                              "allocateLoadBalancerNodePorts",
                              "loadBalancerClass",
                              "internalTrafficPolicy",
                              "trafficDistribution"};
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
        {"Gateway", Kind::Gateway, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"HTTPRoute", Kind::HTTPRoute, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"GRPCRoute", Kind::GRPCRoute, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"TLSRoute", Kind::TLSRoute, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"TCPRoute", Kind::TCPRoute, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"UDPRoute", Kind::UDPRoute, {"gateway.networking.k8s.io"}, true, {"spec", "status"}},
        {"NetworkPolicy",
         Kind::NetworkPolicy,
         {"networking.k8s.io", "extensions"},
         true,
         {"spec", "status"}},
        {"Namespace", Kind::Namespace, {""}, false, {"spec", "status"}},
        {"Role", Kind::Role, {"rbac.authorization.k8s.io"}, true, {"rules"}},
        {"ClusterRole",
         Kind::ClusterRole,
         {"rbac.authorization.k8s.io"},
         false,
         {"rules", "aggregationRule"}},
        {"RoleBinding",
         Kind::RoleBinding,
         {"rbac.authorization.k8s.io"},
         true,
         {"subjects", "roleRef"}},
        {"ClusterRoleBinding",
         Kind::ClusterRoleBinding,
         {"rbac.authorization.k8s.io"},
         false,
         {"subjects", "roleRef"}},
        {"ServiceAccount",
         Kind::ServiceAccount,
         {""},
         true,
         {"automountServiceAccountToken", "secrets", "imagePullSecrets"}},
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
        {"PersistentVolumeClaim",
         "storage claims are not mapped; the containers note the volumes they mount"},
        {"PersistentVolume", "storage is not mapped; the containers note the volumes they mount"},
        {"StorageClass", "storage is not mapped"},
        {"HorizontalPodAutoscaler", "scaling settings do not change the data flows"},
        {"PodDisruptionBudget", "disruption budgets do not change the data flows"},
        {"PriorityClass", "scheduling settings do not change the data flows"},
        {"Endpoints", "endpoints follow from the Services' selectors"},
        {"EndpointSlice", "endpoints follow from the Services' selectors"},
        {"CustomResourceDefinition",
         "it defines a new API type; objects of custom kinds are not mapped"},
        {"MutatingWebhookConfiguration",
         "admission webhooks are cluster configuration, not mapped"},
        {"ValidatingWebhookConfiguration",
         "admission webhooks are cluster configuration, not mapped"},
        {"ValidatingAdmissionPolicy", "admission policies are cluster configuration, not mapped"},
        {"Node", "nodes are not mapped; add host boundaries by hand"},
        {"GatewayClass", "it names the implementation; the Gateways of the class are mapped"},
        {"ReferenceGrant",
         "it permits references across namespaces; routes to another namespace are flagged"},
        {"Event", "events describe what happened, not the deployment"},
        {"ControllerRevision", "revisions of a controller are not the deployment itself"},
    };
    const auto it = reasons.find(kind);
    return it == reasons.end() ? "not a kind this import maps" : std::string(it->second);
}

} // namespace bulkhead::kubernetes
