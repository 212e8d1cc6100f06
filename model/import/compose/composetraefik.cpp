#include "import/compose/composeports.h"
#include "import/compose/composeproxyconfig.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace bulkhead {

namespace {

/** Traefik's static configuration, as far as flags and TRAEFIK_* variables show it. */
struct TraefikStatic
{
    bool configured = false; ///< any static option seen; else it is in a file or the defaults
    const YamlNode *at = nullptr;
    std::map<std::string, long> entryPoints; ///< name → container port
    std::map<std::string, std::string> redirects;
    std::set<std::string> tlsEntryPoints;
    bool apiInsecure = false;
    bool dashboard = false;
    bool dockerProvider = false;
    bool exposedByDefault = true;
    bool otherProvider = false;
    /** --accesslog, or any accesslog.* option, which turns it on too; unset when not stated. */
    std::optional<bool> accessLog;
    std::set<std::string> resolvers;
    std::string configFile;
};

/** A router from labels. */
struct TraefikRouter
{
    std::string name;
    std::string owner; ///< the Compose service whose labels define it
    std::string service;
    std::vector<std::string> hosts;
    std::vector<std::string> entryPoints;
    std::vector<std::string> middlewares;
    bool tls = false;
    std::string resolver;
    const YamlNode *at = nullptr;
};

/** The dynamic configuration that labels on all services define. */
struct TraefikLabels
{
    std::map<std::string, TraefikRouter> routers;
    std::map<std::string, std::string> middlewareKinds; ///< name → basicauth, forwardauth, …
    std::map<std::string, std::pair<std::string, long>> servicePorts; ///< → (owner, port)
    std::map<std::string, std::string> serviceSchemes;
    std::map<std::string, bool> enabled; ///< Compose service → traefik.enable
    std::set<std::string> tcpRouted;
};

/** One static option: "entrypoints.web.address" with its value as shown and as read. */
void applyStaticOption(TraefikStatic &config, const std::string &key, const std::string &shown,
                       const std::string &raw)
{
    const std::vector<std::string> parts = splitOn(key, '.');
    const bool on = switchValue(raw).value_or(false);
    config.configured = true;
    if (parts[0] == "entrypoints" && parts.size() >= 3) {
        const std::string &name = parts[1];
        const std::string rest = key.substr(parts[0].size() + name.size() + 2);
        if (rest == "address") {
            const std::string address = raw.substr(0, raw.find('/'));
            config.entryPoints[name] =
                portDigits(address.substr(address.rfind(':') + 1)).value_or(0);
        } else if (rest == "http.redirections.entrypoint.to") {
            config.redirects[name] = shown;
        } else if (rest == "http.tls" ? on : rest.starts_with("http.tls.")) {
            config.tlsEntryPoints.insert(name);
        }
    } else if (key == "accesslog") {
        config.accessLog = on;
    } else if (key.starts_with("accesslog.")) {
        config.accessLog = config.accessLog.value_or(true);
    } else if (key == "api" || key == "api.dashboard") {
        config.dashboard = config.dashboard || on;
    } else if (key == "api.insecure") {
        config.apiInsecure = on;
        config.dashboard = config.dashboard || on;
    } else if (key == "providers.docker" || key == "providers.swarm") {
        config.dockerProvider = on;
    } else if (key == "providers.docker.exposedbydefault") {
        config.dockerProvider = true;
        config.exposedByDefault = on;
    } else if (key.starts_with("providers.docker.")) {
        config.dockerProvider = true;
    } else if (key.starts_with("providers.")) {
        config.otherProvider = true;
    } else if (parts[0] == "certificatesresolvers" && parts.size() > 1) {
        config.resolvers.insert(parts[1]);
    } else if (key == "configfile") {
        config.configFile = shown;
    }
}

/** Flags ("--api.insecure=true", "--providers.docker") and TRAEFIK_* variables. */
TraefikStatic readStatic(ComposeInput &input, const ComposeService &proxy)
{
    TraefikStatic config;
    if (const YamlNode *command = proxy.node->find("command")) {
        config.at = command;
        for (const YamlNode *item : input.readTextItems(*command, "command")) {
            // The string form is split as a shell would split plain words.
            std::istringstream rawWords(item->scalar);
            std::istringstream shownWords(input.shown(*item));
            for (std::string raw, shown; rawWords >> raw;) {
                if (!(shownWords >> shown))
                    shown = raw;
                const auto start = raw.find_first_not_of('-');
                if (start == 0 || start == std::string::npos)
                    continue;
                const auto key = lower(raw.substr(start));
                const auto equals = key.find('=');
                const auto shownEquals = shown.find('=');
                applyStaticOption(config, key.substr(0, equals),
                                  shownEquals == std::string::npos ? std::string()
                                                                   : shown.substr(shownEquals + 1),
                                  equals == std::string::npos ? std::string()
                                                              : raw.substr(raw.find('=') + 1));
            }
        }
    }
    if (const YamlNode *environment = proxy.node->find("environment");
        environment && environment->isMapping()) {
        for (const auto &[name, value] : environment->entries) {
            if (!lower(name).starts_with("traefik_") || !value.isScalar())
                continue;
            std::string key = lower(name.substr(8));
            std::replace(key.begin(), key.end(), '_', '.');
            config.at = config.at ? config.at : &value;
            applyStaticOption(config, key, input.shown(value), value.scalar);
        }
    }
    if (config.configFile.empty())
        config.configFile = mountedConfiguration(input, proxy,
                                                 {"traefik.yml", "traefik.yaml", "traefik.toml"});
    if (config.apiInsecure && !config.entryPoints.count("traefik"))
        config.entryPoints["traefik"] = 8080;
    // Without any entry point Traefik listens on :80 as "http".
    if (config.entryPoints.empty() && config.configFile.empty())
        config.entryPoints["http"] = 80;
    return config;
}

/** The host names in a rule: Host(`a`) || Host(`b`, `c`), HostSNI(`d`). */
std::vector<std::string> ruleHosts(const std::string &rule)
{
    std::vector<std::string> hosts;
    for (std::size_t at = rule.find("Host"); at != std::string::npos;
         at = rule.find("Host", at + 4)) {
        const std::size_t open = rule.find('(', at);
        const std::size_t close = rule.find(')', open);
        if (open == std::string::npos || close == std::string::npos)
            break;
        const std::string inside = rule.substr(open + 1, close - open - 1);
        for (std::string host : commaList(inside)) {
            host.erase(std::remove_if(host.begin(), host.end(),
                                      [](char c) { return c == '`' || c == '"' || c == '\''; }),
                       host.end());
            if (!host.empty())
                hosts.push_back(host);
        }
    }
    return hosts;
}

/** A middleware's name without its provider ("auth@file" → "auth"). */
std::string middlewareName(const std::string &name)
{
    return name.substr(0, name.find('@'));
}

/** One router label: traefik.http.routers.NAME.FIELD. */
void readRouterLabel(ComposeInput &input, TraefikRouter &router, const std::string &field,
                     const YamlNode &value)
{
    const std::string shown = input.shown(value);
    if (field == "rule") {
        router.hosts = ruleHosts(shown);
        router.at = &value;
    } else if (field == "entrypoints") {
        router.entryPoints = commaList(shown);
    } else if (field == "middlewares") {
        router.middlewares = commaList(shown);
    } else if (field == "service") {
        router.service = shown;
    } else if (field == "tls") {
        router.tls = switchValue(value.scalar).value_or(router.tls);
    } else if (field.starts_with("tls.")) {
        router.tls = true;
        if (field == "tls.certresolver")
            router.resolver = shown;
    }
    if (!router.at)
        router.at = &value;
}

/** Every traefik.* label of every service. */
TraefikLabels readLabels(ComposeInput &input, const std::vector<ComposeService> &services)
{
    TraefikLabels labels;
    for (const ComposeService &service : services) {
        const YamlNode *mapping = serviceLabels(service);
        if (!mapping)
            continue;
        for (const auto &[name, value] : mapping->entries) {
            const std::string key = lower(name);
            if (!key.starts_with("traefik.") || !value.isScalar())
                continue;
            const std::vector<std::string> parts = splitOn(key, '.');
            if (key == "traefik.enable") {
                labels.enabled[service.name] = switchValue(value.scalar).value_or(false);
            } else if (parts.size() >= 5 && parts[1] == "http" && parts[2] == "routers") {
                TraefikRouter &router = labels.routers[parts[3]];
                router.name = parts[3];
                router.owner = service.name;
                readRouterLabel(input, router, key.substr(22 + parts[3].size()), value);
            } else if (parts.size() >= 5 && parts[1] == "http" && parts[2] == "middlewares") {
                labels.middlewareKinds[parts[3]] = parts[4];
            } else if (parts.size() >= 7 && parts[1] == "http" && parts[2] == "services"
                       && parts[4] == "loadbalancer" && parts[5] == "server") {
                if (parts[6] == "port")
                    labels.servicePorts[parts[3]] = {service.name,
                                                     portDigits(value.scalar).value_or(0)};
                else if (parts[6] == "scheme")
                    labels.serviceSchemes[parts[3]] = lower(value.scalar);
            } else if (parts.size() > 2 && (parts[1] == "tcp" || parts[1] == "udp")) {
                labels.tcpRouted.insert(service.name);
            }
        }
    }
    return labels;
}

/** How a router's middlewares guard it: "basicauth", "forwardauth", … by middleware. */
std::vector<std::string> guards(const TraefikLabels &labels, const TraefikRouter &router,
                                bool &authenticates)
{
    std::vector<std::string> described;
    authenticates = false;
    for (const std::string &written : router.middlewares) {
        const auto kind = labels.middlewareKinds.find(middlewareName(written));
        if (kind == labels.middlewareKinds.end()) {
            described.push_back(written + " (defined outside the Compose file)");
            continue;
        }
        const std::string &type = kind->second;
        authenticates = authenticates || type == "basicauth" || type == "digestauth"
                        || type == "forwardauth";
        described.push_back(written + " (" + type + ")");
    }
    return described;
}

/** A router's own entry points, or every entry point when it names none. */
std::vector<std::string> routerEntryPoints(const TraefikStatic &config, const TraefikRouter &router)
{
    if (!router.entryPoints.empty())
        return router.entryPoints;
    std::vector<std::string> all;
    for (const auto &entry : config.entryPoints)
        if (entry.first != "traefik" || !config.apiInsecure)
            all.push_back(entry.first);
    return all;
}

/** Whether a router is served over TLS only: by its own tls, or on TLS entry points. */
bool servedOverTls(const TraefikStatic &config, const TraefikRouter &router)
{
    if (router.tls)
        return true;
    const std::vector<std::string> entries = routerEntryPoints(config, router);
    return !entries.empty() && std::all_of(entries.begin(), entries.end(), [&](const auto &e) {
        return config.tlsEntryPoints.count(e) > 0 || config.redirects.count(e) > 0;
    });
}

/** Reads the whole Traefik setup into the proxy: entry points, routes and properties. */
class TraefikReader
{
public:
    TraefikReader(ComposeInput &input, ComposeService &proxy,
                  const std::vector<ComposeService> &services)
        : m_input(input)
        , m_proxy(proxy)
        , m_services(services)
        , m_static(readStatic(input, proxy))
        , m_labels(readLabels(input, services))
    {}

    void read();

private:
    void reportStatic();
    void addRouters(const ComposeService &service);
    void addRoute(const ComposeService &service, const TraefikRouter &router);
    void addEntryPoints();
    void setProperties();
    const YamlNode &at(const TraefikRouter &router) const
    {
        return router.at ? *router.at : *m_proxy.node;
    }

    ComposeInput &m_input;
    ComposeService &m_proxy;
    const std::vector<ComposeService> &m_services;
    TraefikStatic m_static;
    TraefikLabels m_labels;
    std::vector<const TraefikRouter *> m_served;
    std::map<std::string, TraefikRouter> m_defaultRouters;
    int m_authenticated = 0;
    int m_plain = 0;
};

void TraefikReader::read()
{
    reportStatic();
    const bool labelsRead = m_static.dockerProvider || !m_static.configured;
    for (const ComposeService &service : m_services) {
        if (labelsRead)
            addRouters(service);
        if (m_labels.tcpRouted.count(service.name))
            m_input.skipped(*service.node, "service " + service.name
                                               + ": Traefik TCP and UDP routers are not mapped");
    }
    if (!labelsRead && !m_labels.routers.empty())
        m_input.skipped(*m_proxy.node, "service " + m_proxy.name
                                           + ": Traefik's Docker provider is off, so the "
                                             "traefik.* labels of the services are not read");
    addEntryPoints();
    setProperties();
}

void TraefikReader::reportStatic()
{
    const YamlNode &at = m_static.at ? *m_static.at : *m_proxy.node;
    const std::string who = "service " + m_proxy.name + ": ";
    if (!m_static.configFile.empty())
        m_input.skipped(at, who + "Traefik's static configuration in " + m_static.configFile
                                + " is not read (it is outside the Compose file); its entry "
                                  "points, API and providers are unknown");
    else if (!m_static.configured)
        m_input.mapped(at, who + "Traefik with its defaults: entry point http on :80, no API");
    if (m_static.apiInsecure)
        m_input.flag(at, who
                             + "--api.insecure=true serves Traefik's API and dashboard without "
                               "authentication on the entry point traefik (:"
                             + std::to_string(m_static.entryPoints["traefik"])
                             + "); it is an admin interface");
    if (m_static.dockerProvider && m_static.exposedByDefault)
        m_input.flag(at, who
                             + "Traefik's Docker provider routes every service by default "
                               "(providers.docker.exposedbydefault is true): each service with a "
                               "port is routed unless its labels say traefik.enable=false");
    if (m_static.accessLog)
        m_input.mapped(at, who
                               + (*m_static.accessLog ? "Traefik logs every request (--accesslog): "
                                                        "accessLogging yes"
                                                      : "Traefik's access log is off (--accesslog="
                                                        "false): accessLogging no"));
    std::vector<std::string> entries;
    for (const auto &[name, port] : m_static.entryPoints)
        entries.push_back(name + " :" + std::to_string(port));
    m_input.mapped(
        at, who + "Traefik entry points " + joined(entries)
                + (m_static.resolvers.empty()
                       ? std::string()
                       : "; certificate resolvers "
                             + joined({m_static.resolvers.begin(), m_static.resolvers.end()})));
}

void TraefikReader::addRouters(const ComposeService &service)
{
    const auto enabled = m_labels.enabled.find(service.name);
    const bool routed = enabled != m_labels.enabled.end()
                            ? enabled->second
                            : m_static.exposedByDefault && m_static.configured;
    if (!routed)
        return;
    bool any = false;
    for (const auto &[name, router] : m_labels.routers) {
        if (router.owner != service.name)
            continue;
        any = true;
        addRoute(service, router);
    }
    // A service without routers of its own gets Traefik's default one, Host(`NAME`).
    if (!any && &service != &m_proxy
        && (enabled != m_labels.enabled.end() || onlyContainerPort(service) > 0
            || !service.ports.empty() || !service.exposed.empty())) {
        TraefikRouter &router = m_defaultRouters[service.name];
        router.name = service.name;
        router.owner = service.name;
        router.hosts = {service.name};
        addRoute(service, router);
    }
}

void TraefikReader::addRoute(const ComposeService &service, const TraefikRouter &router)
{
    m_served.push_back(&router);
    bool authenticates = false;
    const std::vector<std::string> middlewares = guards(m_labels, router, authenticates);
    const bool tls = servedOverTls(m_static, router);
    m_authenticated += authenticates ? 1 : 0;
    m_plain += tls ? 0 : 1;
    const std::string entries = joined(routerEntryPoints(m_static, router));
    std::string how =
        "Host " + (router.hosts.empty() ? std::string("(no Host rule)") : joined(router.hosts))
        + " on " + (entries.empty() ? std::string("no entry point") : entries)
        + (tls ? router.resolver.empty() ? ", TLS"
                                         : ", TLS (certificate resolver " + router.resolver + ")"
               : ", without TLS")
        + (middlewares.empty() ? std::string() : "; middlewares " + joined(middlewares));
    if (router.service.ends_with("@internal")) {
        m_input.mapped(at(router), "service " + service.name + ": Traefik router " + router.name
                                       + " serves Traefik's own " + router.service + ": " + how);
        return;
    }
    // The Traefik service the router names may be defined on another container.
    std::string target = service.name;
    long port = 0;
    const auto named = m_labels.servicePorts.find(router.service);
    const auto defined = named != m_labels.servicePorts.end()
                             ? named
                             : std::find_if(m_labels.servicePorts.begin(),
                                            m_labels.servicePorts.end(), [&](const auto &entry) {
                                                return entry.second.first == service.name;
                                            });
    if (defined != m_labels.servicePorts.end()) {
        target = defined->second.first;
        port = defined->second.second;
    }
    const auto targetService = std::find_if(
        m_services.begin(), m_services.end(),
        [&](const ComposeService &s) { return s.name == target; });
    if (port == 0 && targetService != m_services.end())
        port = onlyContainerPort(*targetService);
    const auto scheme = defined == m_labels.servicePorts.end()
                            ? m_labels.serviceSchemes.end()
                            : m_labels.serviceSchemes.find(defined->first);
    ProxyRoute route;
    route.target = target;
    route.name = "Traefik router " + router.name;
    route.port = port;
    route.protocol = scheme != m_labels.serviceSchemes.end() && scheme->second == "https" ? "https"
                                                                                          : "http";
    route.note = "Traefik router " + router.name + ": " + how + "."
                 + (port == 0 ? " The port is the one the image exposes (not in the files)." : "");
    m_proxy.routes.push_back(route);
    m_input.mapped(at(router), "service " + service.name + ": Traefik router " + router.name
                                   + " → a flow from " + m_proxy.name + " to " + target
                                   + (port ? " on port " + std::to_string(port) : std::string())
                                   + " (" + route.protocol + "); " + how);
    if (!tls)
        m_input.flag(at(router), "service " + service.name + ": Traefik router " + router.name
                                     + " is served without TLS on " + entries);
}

void TraefikReader::addEntryPoints()
{
    for (const auto &[name, port] : m_static.entryPoints) {
        ProxyEntryPoint entry;
        entry.port = port;
        std::vector<std::string> routers;
        std::vector<std::string> plain;
        for (const TraefikRouter *router : m_served) {
            const auto entries = routerEntryPoints(m_static, *router);
            if (std::find(entries.begin(), entries.end(), name) == entries.end())
                continue;
            routers.push_back(router->name);
            if (!servedOverTls(m_static, *router))
                plain.push_back(router->name);
        }
        const auto redirect = m_static.redirects.find(name);
        if (name == "traefik" && m_static.apiInsecure) {
            entry.protocol = "http";
            entry.encrypted = "no";
            entry.authentication = "none";
            entry.note = "Traefik's API and dashboard (--api.insecure=true): an admin interface "
                         "served without authentication.";
        } else if (redirect != m_static.redirects.end()) {
            entry.protocol = "http";
            entry.encrypted = "no";
            entry.note = "Traefik entry point " + name + ": redirects every request to the entry "
                         + "point " + redirect->second + ".";
        } else if (m_static.tlsEntryPoints.count(name) || (!routers.empty() && plain.empty())) {
            entry.protocol = "https";
            entry.encrypted = "yes";
            entry.note = "Traefik entry point " + name + " (TLS) for the routers " + someOf(routers)
                         + ".";
        } else if (!routers.empty() && plain.size() == routers.size()) {
            entry.protocol = "http";
            entry.encrypted = "no";
            entry.note = "Traefik entry point " + name + " (without TLS) for the routers "
                         + someOf(routers) + ".";
        } else if (!routers.empty()) {
            // Some routers on it use TLS and some do not: the port alone cannot tell.
            entry.note = "Traefik entry point " + name + " for the routers " + someOf(routers)
                         + "; without TLS: " + someOf(plain) + ".";
        } else {
            entry.note = "Traefik entry point " + name + ".";
        }
        m_proxy.entryPoints.push_back(entry);
    }
}

void TraefikReader::setProperties()
{
    PropertyMap &p = m_proxy.proxyProperties;
    const int routers = int(m_served.size());
    if (routers > 0)
        p["tlsTermination"] = tri(m_plain == 0);
    if (m_static.accessLog)
        p["accessLogging"] = tri(*m_static.accessLog);
    if (routers > 0 || m_static.apiInsecure)
        p["clientAuthentication"] = tri(m_authenticated == routers && !m_static.apiInsecure);
    std::vector<std::string> entries;
    for (const ProxyEntryPoint &entry : m_proxy.entryPoints)
        entries.push_back(":" + std::to_string(entry.port));
    appendNote(p, "Traefik: entry points " + joined(entries) + "; " + std::to_string(routers)
                      + " routers"
                      + (m_static.apiInsecure ? "; API and dashboard without authentication"
                         : m_static.dashboard ? "; dashboard enabled"
                                              : "")
                      + ".");
}

} // namespace

void readTraefik(ComposeInput &input, ComposeService &proxy,
                 const std::vector<ComposeService> &services)
{
    TraefikReader(input, proxy, services).read();
}

} // namespace bulkhead
