#include "import/compose/composemodelbuilder.h"

#include "import/compose/composecredentials.h"
#include "import/compose/composeflowinference.h"
#include "import/compose/composeimagedefaults.h"
#include "import/compose/composeoneshot.h"
#include "import/compose/composeports.h"
#include "import/compose/composeproxyconfig.h"
#include "import/compose/composeservingports.h"
#include "import/deployedrole.h"
#include "import/portprotocol.h"
#include "import/wellknownimages.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>

namespace bulkhead {

namespace {

/** driver, internal, driver_opts.encrypted and external of a declared network. */
void readNetworkDeclaration(const YamlNode &declaration, PropertyMap &properties)
{
    if (const YamlNode *driver = declaration.find("driver"); driver && driver->isScalar()) {
        static const std::set<std::string> drivers{"bridge", "overlay", "host",
                                                   "none",   "macvlan", "ipvlan"};
        if (drivers.count(driver->scalar))
            properties["driver"] = driver->scalar;
    }
    if (const YamlNode *internal = declaration.find("internal"); internal && internal->isScalar())
        properties["internal"] = lower(internal->scalar) == "true";
    if (const YamlNode *options = declaration.find("driver_opts"); options && options->isMapping())
        if (const YamlNode *encrypted = options->find("encrypted"))
            properties["encrypted"] = !encrypted->isScalar() || lower(encrypted->scalar) != "false";
    if (const YamlNode *external = declaration.find("external");
        external && external->isScalar() && lower(external->scalar) == "true")
        appendNote(properties, "Created outside this project (external: true).");
}

} // namespace

void ComposeModelBuilder::build(std::vector<ComposeService> &services)
{
    const std::string project = projectName();
    describe(project);
    addHost();
    addNetworks(services, project);
    markOneShotServices(m_input, services);
    addServices(services);
    addVolumes(services);
    addSecrets(services);
    addPublishedPorts(services);
    ComposeFlowInference(m_input, m_builder).addFlows(services);
    addProxyFlows(m_input, m_builder, services);
    attributeClientCredentials(m_input, m_builder, services);
    for (const std::string &variable : m_input.variables.unset())
        m_input.report.flagged.push_back(
            {m_input.files.front(),
             "variable " + variable + " is not set; an empty string was used"});
}

std::string ComposeModelBuilder::addHostElement(std::string_view idBase, const std::string &kind,
                                                const std::string &name, const std::string &product,
                                                PropertyMap properties)
{
    Element element;
    element.id = m_builder.makeId(idBase);
    element.kind = kind;
    element.name = name;
    element.boundary = m_hostId;
    element.properties = std::move(properties);
    element.properties["product"] = product;
    return m_builder.addElement(std::move(element)).id;
}

std::string ComposeModelBuilder::projectName()
{
    std::string project;
    if (const auto it = m_environment.find("COMPOSE_PROJECT_NAME"); it != m_environment.end())
        project = it->second;
    if (const YamlNode *name = m_project.find("name");
        project.empty() && name && name->isScalar()) {
        // A name made from a variable would copy its value into the title and every network's
        // name: the folder names the project instead.
        if (m_input.variables.interpolated(*name))
            m_input.mapped(*name,
                           "the project name " + m_input.shown(*name)
                               + " comes from a variable; the folder's name is used instead");
        else
            project = name->scalar;
    }
    if (project.empty()) {
        std::filesystem::path folder =
            std::filesystem::absolute(m_input.folder->path()).lexically_normal();
        if (!folder.has_filename())
            folder = folder.parent_path();
        project = folder.filename().string();
    }
    std::string normalised;
    for (const char c : lower(project))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')
            normalised += c;
    return normalised.empty() ? std::string("project") : normalised;
}

void ComposeModelBuilder::describe(const std::string &project)
{
    ThreatModel &model = m_builder.model();
    model.metadata().title = "Docker Compose: " + project;
    std::vector<std::string> names;
    for (const std::string &file : m_input.files)
        names.push_back(std::filesystem::path(file).filename().string());
    model.metadata().description = "Imported from " + joined(names)
                                   + ". Environment variable values were not imported.";
}

void ComposeModelBuilder::addHost()
{
    Boundary host;
    host.id = m_builder.makeId("docker-host");
    host.kind = "host";
    host.name = "Docker host";
    host.properties["nodeRole"] = std::string("standalone");
    m_hostId = host.id;
    m_builder.addBoundary(std::move(host));
    m_engineId = addHostElement("docker-engine", "container-runtime", "Docker Engine", "dockerd");
}

void ComposeModelBuilder::addNetworks(std::vector<ComposeService> &services,
                                      const std::string &project)
{
    // Networks: declared ones in order, plus "default" when a service uses it. Looked up in
    // maps, not by scanning: one service on 5,000 networks must not cost 25 million steps.
    std::vector<std::string> networkOrder;
    std::map<std::string, const YamlNode *> declarations;
    const YamlNode *declaredNetworks = m_project.find("networks");
    if (declaredNetworks && declaredNetworks->isMapping()) {
        for (const auto &entry : declaredNetworks->entries) {
            if (declarations.emplace(entry.first, &entry.second).second)
                networkOrder.push_back(entry.first);
        }
    }
    std::set<std::string> listed(networkOrder.begin(), networkOrder.end());
    for (ComposeService &service : services) {
        if (service.networks.empty()
            && (service.networkMode.empty() || service.networkMode == "bridge"))
            service.networks.push_back("default");
        for (const std::string &network : service.networks)
            if (listed.insert(network).second)
                networkOrder.push_back(network);
    }
    for (const std::string &network : networkOrder) {
        Boundary boundary;
        boundary.id = m_builder.makeId("network-" + m_input.shownName(network));
        boundary.kind = "container-network";
        boundary.name = project + "_" + m_input.shownName(network) + " network";
        boundary.parent = m_hostId;
        boundary.properties["driver"] = std::string("bridge");
        const auto declared = declarations.find(network);
        const YamlNode *declaration = declared == declarations.end() ? nullptr : declared->second;
        if (declaration && declaration->isMapping()) {
            readNetworkDeclaration(*declaration, boundary.properties);
            m_input.mapped(*declaration, "network " + m_input.shownName(network)
                                             + " → container network boundary");
        }
        m_networkIds[network] = boundary.id;
        m_builder.addBoundary(std::move(boundary));
    }
}

std::string ComposeModelBuilder::placeService(const ComposeService &service)
{
    // network_mode: service:NAME joins that service's network namespace, so it sits where
    // that service sits; host, none and container:… put it on the host.
    const ComposeService *placedLike = &service;
    if (service.networkMode.starts_with("service:")) {
        const std::string other = service.networkMode.substr(8);
        const auto it = m_byName.find(other);
        if (it != m_byName.end() && it->second->networkMode.empty())
            placedLike = it->second;
        const std::string shownMode = m_input.shownName(service.networkMode);
        m_input.mapped(*service.node,
                       "service " + service.name + " shares the network of "
                           + (shownMode == service.networkMode ? "service " + other : shownMode));
    } else if (service.networkMode.starts_with("container:")) {
        m_input.skipped(*service.node,
                        "service " + service.name + ": network_mode "
                            + m_input.shownName(service.networkMode)
                            + " joins a container outside the project; drawn on the host");
    }
    const bool ownNetwork = placedLike->networkMode.empty() || placedLike->networkMode == "bridge";
    std::string boundary = ownNetwork && !placedLike->networks.empty()
                               ? m_networkIds[placedLike->networks.front()]
                               : m_hostId;
    if (service.networks.size() > 1) {
        // The other networks of the service, naming ten at most: it may be on thousands.
        constexpr std::size_t named = 10;
        const std::vector<std::string> &networks = service.networks;
        const auto end = networks.begin()
                         + static_cast<std::ptrdiff_t>(std::min(networks.size(), named + 1));
        const std::string others = joined(m_input.shownNames({networks.begin() + 1, end}))
                                   + (networks.size() > named + 1
                                          ? " and " + std::to_string(networks.size() - named - 1)
                                                + " more"
                                          : "");
        m_input.mapped(*service.node, "service " + service.name + " is also on " + others
                                          + "; it is drawn in "
                                          + m_input.shownName(service.networks.front())
                                          + " and its networks list every one");
    }
    return boundary;
}

void ComposeModelBuilder::addServices(std::vector<ComposeService> &services)
{
    for (const ComposeService &service : services)
        m_byName.emplace(service.name, &service);
    for (ComposeService &service : services) {
        Element element;
        element.id = service.id;
        element.name = service.name;
        element.kind = "container";
        element.boundary = placeService(service);
        element.properties = service.properties;
        // A one-shot job runs the image's tools (certutil in an Elasticsearch image), not its
        // server: it takes none of the role's kind or defaults.
        const bool job = service.properties.count("oneShot") != 0;
        const auto role = service.image.empty() || job
                              ? std::nullopt
                              : wellKnownImage(service.image, m_input.catalog->images());
        if (role && deployWellKnownRole(element, *role, *m_input.catalog)) {
            service.kind = role->kind;
            const bool everywhere = std::any_of(
                service.ports.begin(), service.ports.end(),
                [](const PublishedPort &port) { return port.allInterfaces; });
            if (kindHasProperty(*m_input.catalog, role->kind, "bindAll"))
                element.properties["bindAll"] = tri(everywhere);
            m_input.mapped(*service.node, "service " + service.name + " → "
                                              + deployedRoleText(*role, service.shownImage));
        } else {
            m_input.mapped(
                *service.node,
                "service " + service.name + " → container"
                    + (role ? " (well-known image " + service.shownImage + ", a " + role->kind + ")"
                       : job ? " (a one-shot job: it runs its image's tools, not the "
                               "image's server, so takes none of its role)"
                             : std::string()));
        }
        if (role)
            applyComposeImageRole(m_input, service, *role, element);
        // An element sits in one boundary; the others it is on are listed, so that each counts
        // it as a member.
        if (service.networks.size() > 1 && element.boundary != m_hostId) {
            StringList networks;
            for (const std::string &network : service.networks)
                networks.push_back(m_networkIds[network]);
            element.properties["networks"] = networks;
        }
        applyProxyProperties(*m_input.catalog, service, element);
        recordServingPorts(m_input, service, element);
        m_builder.addElement(std::move(element));
    }
}

void ComposeModelBuilder::addVolumes(const std::vector<ComposeService> &services)
{
    std::map<std::string, std::string> volumeIds;
    std::map<std::string, int> volumeUsers;
    std::map<std::string, bool> volumeWritable;
    for (const ComposeService &service : services) {
        for (const auto &[volume, target] : service.namedMounts) {
            ++volumeUsers[volume];
            volumeWritable[volume] = volumeWritable[volume] || target.size() < 3
                                     || target.substr(target.size() - 3) != ":ro";
        }
    }
    const YamlNode *declaredVolumes = m_project.find("volumes");
    for (const auto &[volume, users] : volumeUsers) {
        Element element;
        element.id = m_builder.makeId("volume-" + m_input.shownName(volume));
        element.kind = "volume";
        element.name = m_input.shownName(volume) + " volume";
        element.boundary = m_hostId;
        element.properties["volumeType"] = std::string("namedVolume");
        element.properties["readOnly"] = !volumeWritable[volume];
        element.properties["sharedBetweenWorkloads"] = tri(users > 1);
        if (!declaredVolumes || !declaredVolumes->find(volume))
            appendNote(element.properties, "Not declared under the top-level volumes key.");
        volumeIds[volume] = element.id;
        m_builder.addElement(std::move(element));
    }
    for (const ComposeService &service : services) {
        for (const auto &[volume, target] : service.namedMounts) {
            PropertyMap properties;
            properties["protocol"] = std::string("other");
            properties["transport"] = std::string("sharedVolume");
            m_builder.addSeparateFlow(service.id, volumeIds[volume],
                                      "mounts " + m_input.shownName(volume) + " at " + target,
                                      properties);
        }
        if (service.mountsRuntimeSocket) {
            PropertyMap properties;
            properties["protocol"] = std::string("dockerApi");
            properties["authentication"] = std::string("none");
            properties["transport"] = std::string("unixSocket");
            m_builder.addSeparateFlow(service.id, m_engineId,
                                      "Docker API through the mounted socket", properties);
        }
    }
}

void ComposeModelBuilder::addSecrets(const std::vector<ComposeService> &services)
{
    if (std::none_of(services.begin(), services.end(),
                     [](const ComposeService &s) { return !s.secretsUsed.empty(); }))
        return;
    std::vector<std::string> sources;
    if (const YamlNode *secrets = m_project.find("secrets"); secrets && secrets->isMapping()) {
        for (const auto &[name, definition] : secrets->entries) {
            if (const YamlNode *file = definition.find("file"); file && file->isScalar())
                sources.push_back(name + " from the file " + m_input.shown(*file));
            else if (const YamlNode *variable = definition.find("environment");
                     variable && variable->isScalar())
                sources.push_back(name + " from the variable " + m_input.shown(*variable));
            else
                sources.push_back(name + " (external)");
        }
    }
    PropertyMap storeProperties;
    if (!sources.empty())
        appendNote(storeProperties, "Secrets: " + joined(sources) + ".");
    const std::string storeId = addHostElement(
        "compose-secrets", "secrets-store", "Compose secrets", "other", std::move(storeProperties));
    for (const ComposeService &service : services) {
        for (const std::string &secret : service.secretsUsed) {
            PropertyMap properties;
            properties["protocol"] = std::string("other");
            properties["carriesSecrets"] = true;
            // A file the service reads under /run/secrets: mounted, never sent over a network.
            properties["transport"] = std::string("sharedVolume");
            m_builder.addSeparateFlow(storeId, service.id,
                                      "secret " + m_input.shownName(secret) + " at /run/secrets/"
                                          + m_input.shownName(secret),
                                      properties, FlowInitiator::Target);
        }
    }
}

void ComposeModelBuilder::askWhetherInternetFacing(const std::vector<ComposeService> &services)
{
    // A port on every interface is open to whoever reaches the host, which no Compose file
    // says: asked, never assumed either way. Ten ports are named; a service may publish
    // thousands.
    constexpr std::size_t named = 10;
    for (const ComposeService &service : services) {
        std::vector<std::string> ports;
        std::set<std::string> seen;
        for (const PublishedPort &port : service.ports) {
            const std::string shown = (port.hostPort.empty() ? std::string("a random port")
                                                             : port.hostPort)
                                      + (port.protocol == "tcp" ? "" : "/" + port.protocol);
            if (port.allInterfaces && seen.insert(shown).second && ports.size() < named)
                ports.push_back(shown);
        }
        if (ports.empty())
            continue;
        m_builder.model().findBoundary(m_hostId)->properties["internetFacing"] = std::string(
            "unknown");
        const std::string more = seen.size() > named
                                     ? " and " + std::to_string(seen.size() - named) + " more"
                                     : "";
        m_input.flag(*service.node,
                     "service " + service.name + ": " + (seen.size() == 1 ? "port " : "ports ")
                         + joined(ports) + more + (seen.size() == 1 ? " is" : " are")
                         + " published on every interface of the Docker host: is the host "
                           "reachable from the internet? Answer internetFacing on 'Docker host'");
    }
}

std::string ComposeModelBuilder::publishedPortProtocol(const ComposeService &service,
                                                       const PublishedPort &port)
{
    // What the image speaks on its container port beats the number's usual use: Kibana's 5601
    // and RabbitMQ's 15672 are HTTP, which the number alone does not say.
    const auto role = service.image.empty()
                          ? std::nullopt
                          : wellKnownImage(service.image, m_input.catalog->images());
    std::string protocol = portProtocol(port.containerPort, port.protocol,
                                        role ? role->image : nullptr);
    if (role && protocol != portProtocol(port.containerPort, port.protocol) && port.at)
        m_input.mapped(*port.at, "service " + service.name + ": container port "
                                     + std::to_string(port.containerPort) + "/" + port.protocol
                                     + " speaks " + protocol
                                     + " (image table: " + service.shownImage + ")");
    return protocol;
}

void ComposeModelBuilder::addPublishedPorts(const std::vector<ComposeService> &services)
{
    askWhetherInternetFacing(services);
    // Published ports: from whoever can reach the host, or only from the host itself.
    std::string networkClient;
    std::string localClient;
    for (const ComposeService &service : services) {
        for (const PublishedPort &port : service.ports) {
            const bool loopback = port.loopback;
            std::string &client = loopback ? localClient : networkClient;
            if (client.empty()) {
                Element external;
                external.id = m_builder.makeId(loopback ? "host-local-client" : "network-client");
                external.kind = "external-user";
                external.name = loopback ? "Local client on the Docker host" : "Network client";
                // Loopback ports are reached from the host itself: the client sits inside it, so
                // its connections never count as coming from the internet.
                if (loopback)
                    external.boundary = m_hostId;
                appendNote(external.properties,
                           loopback
                               ? "Users and processes on the Docker host itself: these ports are "
                                 "bound to loopback."
                               : "Anyone who can reach the Docker host on its published ports. "
                                 "Whether the internet can is the Docker host's "
                                 "internetFacing.");
                client = external.id;
                m_builder.addElement(std::move(external));
            }
            PropertyMap properties;
            const std::string protocol = publishedPortProtocol(service, port);
            properties["protocol"] = protocol;
            if (const std::optional<long> number = portDigits(port.hostPort))
                properties["port"] = std::int64_t(*number);
            properties["notes"] = "Published on " + port.bind + ":"
                                  + (port.hostPort.empty() ? std::string("(random port)")
                                                           : port.hostPort)
                                  + " to container port " + std::to_string(port.containerPort) + "/"
                                  + port.protocol + ".";
            if (port.protocol == "tcp")
                describeProxyEntryPoint(service, port.containerPort, properties);
            m_builder.addSeparateFlow(
                client, service.id,
                (port.hostPort.empty() ? std::string("random port") : "port " + port.hostPort)
                    + " → " + std::to_string(port.containerPort) + "/" + port.protocol + " on "
                    + port.bind,
                properties);
        }
    }
}

} // namespace bulkhead
