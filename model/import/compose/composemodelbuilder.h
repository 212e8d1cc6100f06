#pragma once

// Internal to the Compose import: the threat model from the mapped services.

#include "core/threatmodel.h"
#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/importmodelbuilder.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Builds the model of a Compose project: the Docker host and engine, a boundary per network,
 * an element per service (a well-known image's kind where no container setting is at stake),
 * named volumes, the secrets store, clients of the published ports, and the flows between them.
 * Ids, elements, boundaries and flows go through the shared ImportModelBuilder, whose ids the
 * services' were made with. Flows for mounts, secrets and ports stay one each; the calls between
 * services are one flow per caller, callee and port, whatever shows them (ComposeFlowInference).
 */
class ComposeModelBuilder
{
public:
    ComposeModelBuilder(ComposeInput &input, const YamlNode &project,
                        const std::map<std::string, std::string> &environment,
                        ImportModelBuilder &builder)
        : m_input(input)
        , m_project(project)
        , m_environment(environment)
        , m_builder(builder)
    {}

    /** Fills the builder's model. */
    void build(std::vector<ComposeService> &services);

private:
    /** The project name as Compose picks it, normalised the way Compose normalises it. */
    std::string projectName();
    void describe(const std::string &project);
    void addHost();
    void addNetworks(std::vector<ComposeService> &services, const std::string &project);
    void addServices(std::vector<ComposeService> &services);
    /** The boundary a service's element sits in, reporting how network_mode placed it. */
    std::string placeService(const ComposeService &service);
    void addVolumes(const std::vector<ComposeService> &services);
    void addSecrets(const std::vector<ComposeService> &services);
    /** Marks the Docker host's internetFacing unknown when a port is on every interface. */
    void askWhetherInternetFacing(const std::vector<ComposeService> &services);
    void addPublishedPorts(const std::vector<ComposeService> &services);
    /** The protocol a published port's flow carries, by the image table first; reported. */
    std::string publishedPortProtocol(const ComposeService &service, const PublishedPort &port);

    /** An element of the given kind on the Docker host, with its "product" set; returns its id. */
    std::string addHostElement(std::string_view idBase, const std::string &kind,
                               const std::string &name, const std::string &product,
                               PropertyMap properties = {});

    ComposeInput &m_input;
    const YamlNode &m_project;
    const std::map<std::string, std::string> &m_environment;
    ImportModelBuilder &m_builder;
    std::string m_hostId;
    std::string m_engineId;
    /** Boundary ids of the networks, by name as written. */
    std::map<std::string, std::string> m_networkIds;
    std::map<std::string, const ComposeService *> m_byName;
};

} // namespace bulkhead
