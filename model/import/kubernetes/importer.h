#pragma once

#include "catalog/catalog.h"
#include "import/importmodelbuilder.h"
#include "import/importresult.h"
#include "import/kubernetes/objects.h"
#include "import/kubernetes/schema.h"
#include "import/wellknownimages.h"
#include "import/yamlfields.h"
#include "import/yamltree.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace bulkhead::kubernetes {

/**
 * One import of Kubernetes manifests (see importKubernetes). Its members are defined in the
 * files of this folder: reading (read*.cpp), cluster semantics (clustersemantics.cpp) and the
 * model (build*.cpp). Errors are thrown as ImportFailure and returned by run() as a failure.
 */
class KubernetesImporter
{
public:
    /** `catalog` gives the well-known images; it must outlive the importer. */
    explicit KubernetesImporter(const Catalog &catalog)
        : m_catalog(&catalog)
    {}

    Result<ImportResult> run(const std::vector<std::string> &paths);

private:
    // Reading.
    void collectFiles(const std::vector<std::string> &paths);
    void readDocument(const YamlNode &document, int file);
    void readListOrObject(const YamlNode &object, int file, const std::string &path, int depth);
    void readObject(const YamlNode &object, int file, const std::string &listPath);
    /** The body of an object of a known kind, once its name, namespace and top keys are checked. */
    void readKind(const KindInfo &info, const YamlFields &top, const YamlFields &meta,
                  const Labels &annotations, const Origin &origin, const std::string &ns,
                  const std::string &name);
    void readNamespace(const YamlFields &top, const YamlFields &meta, const Origin &origin,
                       const std::string &name);
    void readWorkload(const YamlFields &top, const YamlFields &metadata, const KindInfo &info,
                      Origin origin, const std::string &ns);
    PodSpec readPodSpec(const YamlFields &spec,
                        const std::vector<std::string> &claimTemplates) const;
    Container readContainer(const YamlFields &fields, bool init,
                            const std::set<std::string> &volumes) const;
    SecurityContext readSecurityContext(const YamlFields &fields, bool containerLevel) const;
    Volume readVolume(const YamlFields &fields) const;
    LabelSelector readSelector(const YamlFields &fields) const;
    void readService(const YamlFields &top, Origin origin, const std::string &ns,
                     const Labels &annotations);
    void readIngress(const YamlFields &top, Origin origin, const std::string &ns,
                     const Labels &annotations);
    IngressBackend readIngressBackend(const YamlFields &backend) const;
    /** Gateway API objects (gatewayapi.cpp). */
    void readGateway(const YamlFields &top, const Origin &origin, const std::string &ns);
    void readGatewayRoute(const YamlFields &top, const KindInfo &info, const Origin &origin,
                          const std::string &ns);
    void readNetworkPolicy(const YamlFields &top, Origin origin, const std::string &ns);
    std::vector<PolicyRule> readPolicyRules(const YamlFields &spec, std::string_view key,
                                            std::string_view peersKey) const;
    void readRole(const YamlFields &top, const KindInfo &info, Origin origin,
                  const std::string &ns);
    void readBinding(const YamlFields &top, const KindInfo &info, Origin origin,
                     const std::string &ns);

    // Building.
    void build();
    void markOwnedObjects();
    void computePermissions();
    void noteClusterSecretReaders(const Binding &binding, const Role &role,
                                  const std::string &subjects);
    void planExposures();
    void addServiceExposures(const Service &service);
    void addIngressExposures(std::size_t ingressIndex);
    /** Routes attached to a Gateway's listeners: through their backend Services to the pods. */
    void addGatewayExposures();
    void addRouteExposures(const GatewayRoute &route, std::size_t gatewayIndex,
                           const std::vector<std::string> &listeners);
    /** The listeners of the Gateway a parentRef names that accept the route; empty for none. */
    std::vector<std::string> attachedListeners(const GatewayRoute &route,
                                               const GatewayRoute::Parent &parent,
                                               const Gateway &gateway) const;
    void addHostPortExposures();
    std::vector<std::pair<std::size_t, std::int64_t>>
    targetsOf(const Workload &workload, const ServicePort &port, const Origin &origin);
    /** An Ingress, or a Service or exposure from the internet, is in the manifests. */
    bool exposedToInternet() const;
    void addBoundaries();
    void addClusterBoundary();
    void addNamespaceBoundary(const std::string &ns);
    void recordNetworkPolicies(const std::string &ns, PropertyMap &properties);
    struct ContainerBuild;
    void addContainers(Workload &workload, std::size_t index);
    void addContainerSecurity(ContainerBuild &build);
    void addContainerVolumes(ContainerBuild &build);
    void addContainerPorts(ContainerBuild &build);
    void addContainerRuntime(ContainerBuild &build);
    void addContainerIdentity(ContainerBuild &build);
    void addContainerSecrets(ContainerBuild &build);
    /** Compares the values of the container's variables (assessCredentials) and records what
     *  they show; true when a credential is written in a URL in the manifests. */
    bool addContainerCredentials(const Workload &workload, const Container &container,
                                 const std::string &name, PropertyMap &properties);
    void addContainerExposure(ContainerBuild &build);
    void addContainerNotes(ContainerBuild &build);
    /**
     * The image table's fixed properties (a management UI's role, its login) set on the
     * container's element and reported, as the Compose importer does.
     */
    void applyImageProperties(const Container &container, const Origin &origin,
                              const ImageRole &role, Element &element);
    /** What the image-table judgement reads of a container; with `ns`, imported ConfigMap keys too. */
    ServiceConfiguration configurationOf(const Container &container, const std::string *ns) const;
    /** The protocol of a flow through `port` into the container (servedprotocol.cpp). */
    std::string protocolInto(const Workload &workload, const Container &container,
                             std::int64_t targetPort, const ServicePort &port);
    /**
     * The image table's insecure defaults that hold for a container, set on its element (of
     * kind `kind`) where the kind has the property and reported at the container's line
     * (buildimagedefaults.cpp).
     */
    void applyImageDefaults(const Container &container, const Origin &origin, const ImageRole &role,
                            const std::string &kind, PropertyMap &properties);
    /** Ephemeral containers are not mapped, but what makes them dangerous is flagged. */
    void flagEphemeralContainers(const Workload &workload);
    void addIngressElements();
    /**
     * What an Ingress and a Gateway element share: an internet-facing ingress controller named
     * "PREFIX/NAME" in its namespace's boundary, with a fresh id.
     */
    Element internetFacingIngress(const std::string &prefix, const std::string &name,
                                  const std::string &ns);
    /** One ingress element per Gateway and a flow from the internet to each listener. */
    void addGatewayElements();
    void addGatewayFlows();
    void addSecretStores();
    void addClients();
    void addExposureFlows();
    /** East-west flows from variables and ConfigMap values naming a Service (inferflows.cpp). */
    void addInferredFlows();
    void inferFlowsFrom(std::size_t workload, std::size_t container, int line,
                        const std::string &variable, const std::string &value,
                        const std::string &evidence);
    std::string policyNote(const Workload &workload, std::int64_t port, const std::string &l4,
                           const std::string &portName, Exposure::From from) const;
    void layOut();

    std::string where(const Origin &origin) const
    {
        return origin.line > 0
                   ? m_files[std::size_t(origin.file)] + ":" + std::to_string(origin.line)
                   : m_files[std::size_t(origin.file)];
    }
    std::string where(int file, int line) const { return where(Origin{file, line, {}}); }
    void mapped(const Origin &origin, const std::string &text)
    {
        m_findings[0].push_back({origin.file, origin.line, {where(origin), text}});
    }
    void flagged(const Origin &origin, const std::string &text)
    {
        m_findings[1].push_back({origin.file, origin.line, {where(origin), text}});
    }
    void skipped(const Origin &origin, const std::string &text)
    {
        m_findings[2].push_back({origin.file, origin.line, {where(origin), text}});
    }
    /** The report's findings in input order (file, then line), whatever step found them. */
    void finishReport();
    std::string workloadName(const Workload &workload) const;
    std::string containerName(const Workload &workload, const Container &container) const;
    bool reachableFromInternet(std::size_t workload, std::size_t container) const;
    /** flowProtocol for a port of a container, judged by its image too; reports the ports the
     *  image table types, once each. */
    std::string containerPortProtocol(std::size_t workload, std::size_t container,
                                      std::int64_t port, const std::string &name,
                                      const std::string &appProtocol, const std::string &l4);

    const Catalog *m_catalog;
    /** (workload, container, port) whose typing by the image table is already reported. */
    std::set<std::tuple<std::size_t, std::size_t, std::int64_t>> m_imageTypedPorts;
    std::vector<std::string> m_files;
    /** The file being read, for errors that do not come with a position. */
    std::optional<std::size_t> m_reading;

    std::vector<Workload> m_workloads;
    std::vector<Service> m_services;
    std::vector<Ingress> m_ingresses;
    std::vector<Gateway> m_gateways;
    std::vector<GatewayRoute> m_routes;
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
    /** Whether the input holds any Role, ClusterRole or binding: without one, who is bound is unknown. */
    bool m_rbacInInput = false;
    /** Service accounts (namespace, name) some binding of the input names, whatever the role. */
    std::set<std::pair<std::string, std::string>> m_boundAccounts;
    /** Containers and ports whose served protocol the import report already gives. */
    std::set<std::pair<const Container *, std::int64_t>> m_servedProtocolReported;
    /** Bindings that let their subjects read every Secret of the cluster, one sentence each. */
    std::vector<std::string> m_clusterSecretReaders;
    std::vector<Exposure> m_exposures;
    std::map<std::string, std::string> m_namespaceIds;
    std::map<std::string, std::string> m_secretStoreIds;
    std::set<std::string> m_sharedWithinNamespace;  ///< "ns/name" of workloads of several kinds
    std::set<std::string> m_sharedAcrossNamespaces; ///< names used in several namespaces
    std::string m_clusterId;
    std::string m_internetId;
    std::string m_internetClientId;
    std::string m_nodeClientId;
    /** The containers behind each Service port: (Service, port) indexes → backends. */
    std::map<std::pair<std::size_t, std::size_t>, std::vector<ServiceBackend>> m_serviceBackends;
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

} // namespace bulkhead::kubernetes
