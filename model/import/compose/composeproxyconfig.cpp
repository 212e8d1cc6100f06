#include "import/compose/composeproxyconfig.h"

#include "catalog/catalog.h"
#include "import/compose/composeports.h"
#include "import/imageprovenance.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

namespace bulkhead {

namespace {

/** Which reverse proxy a service runs, by its image. */
enum class ProxyProduct { None, Traefik, CaddyLabels, NginxProxy, ConfiguredByFile };

ProxyProduct proxyProduct(const ComposeService &service)
{
    if (service.image.empty())
        return ProxyProduct::None;
    const std::string repository = parseImageName(service.image).repository;
    if (repository == "traefik")
        return ProxyProduct::Traefik;
    if (repository == "caddy-docker-proxy")
        return ProxyProduct::CaddyLabels;
    if (repository == "nginx-proxy")
        return ProxyProduct::NginxProxy;
    static const std::set<std::string> configured{"nginx", "nginx-unprivileged", "caddy", "haproxy",
                                                  "envoy", "openresty"};
    return configured.count(repository) ? ProxyProduct::ConfiguredByFile : ProxyProduct::None;
}

/** labels: text values by name (the loader made the list form a mapping). */
void readLabels(ComposeInput &input, ComposeService &service)
{
    const YamlNode *labels = service.node->find("labels");
    if (!labels || labels->isNull())
        return;
    if (!labels->isMapping())
        input.fail(*labels, "labels must be a mapping or a list of NAME=VALUE, not "
                                + std::string(labels->typeName()));
    for (const auto &[name, value] : labels->entries) {
        if (!value.isNull() && !value.isScalar())
            input.fail(value, "label " + input.shownName(name) + " must have a text value, not "
                                  + std::string(value.typeName()));
        service.labels[name] = value.scalar;
    }
}

/** The value node of an environment variable, or nullptr. */
const YamlNode *variable(const ComposeService &service, const char *name)
{
    const YamlNode *environment = service.node->find("environment");
    const YamlNode *value = environment && environment->isMapping() ? environment->find(name)
                                                                    : nullptr;
    return value && value->isScalar() ? value : nullptr;
}

/** A route from `proxy` to the service `route.target`, and its evidence in the report: `what`
 *  the proxy's configuration says about it, at `at`. */
void addRoute(ComposeInput &input, ComposeService &proxy, const YamlNode &at, ProxyRoute route,
              const std::string &what)
{
    input.mapped(at, "service " + route.target + ": " + what + " → a flow from " + proxy.name
                         + " to " + route.target + " on port " + std::to_string(route.port) + " ("
                         + route.protocol + ")");
    proxy.routes.push_back(std::move(route));
}

/** A proxy serving HTTP on 80 and HTTPS on 443; when `redirectsFor` names sites, port 80 only
 *  redirects those to HTTPS. */
void addHttpEntryPoints(ComposeService &proxy, const std::string &product,
                        const std::string &redirectsFor)
{
    proxy.entryPoints.push_back(
        {80, "http", "no", "",
         redirectsFor.empty() ? product + "'s HTTP port."
                              : product + " redirects HTTP to HTTPS for " + redirectsFor + "."});
    proxy.entryPoints.push_back({443, "https", "yes", "", product + "'s HTTPS port."});
}

/** Whether a site address gets Caddy's automatic HTTPS: a host name, not http:// or :PORT. */
bool automaticHttps(const std::string &site)
{
    if (site.starts_with("http://") || site.starts_with(":") || site.empty())
        return false;
    const std::string host = site.substr(
        site.find("://") == std::string::npos ? 0 : site.find("://") + 3);
    return !host.empty() && host != "localhost"
           && !std::isdigit(static_cast<unsigned char>(host.front()));
}

/** Sites of caddy-docker-proxy labels on one service: "caddy" and "caddy_N" prefixes. */
struct CaddySite
{
    std::vector<std::string> addresses;
    long port = 0;
    std::string protocol = "http";
    bool proxied = false;
    bool authenticated = false;
    const YamlNode *at = nullptr;
};

/** "{{upstreams 8080}}", "{{upstreams https 8443}}" or "{{upstreams}}" (port 80). */
void readUpstreams(CaddySite &site, const std::string &value)
{
    site.proxied = true;
    std::istringstream words(value.substr(value.find("upstreams") + 9));
    for (std::string word; words >> word;) {
        word.erase(std::remove(word.begin(), word.end(), '}'), word.end());
        if (word == "https" || word == "http")
            site.protocol = word;
        else if (const auto port = portDigits(word))
            site.port = *port;
    }
    if (site.port == 0)
        site.port = 80;
}

std::map<std::string, CaddySite> caddySites(const ComposeInput &input,
                                            const ComposeService &service)
{
    std::map<std::string, CaddySite> sites;
    const YamlNode *labels = serviceLabels(service);
    if (!labels)
        return sites;
    for (const auto &[name, value] : labels->entries) {
        const std::string prefix = name.substr(0, name.find('.'));
        if (prefix != "caddy" && !prefix.starts_with("caddy_"))
            continue;
        CaddySite &site = sites[prefix];
        const std::string directive = name.size() > prefix.size() ? name.substr(prefix.size() + 1)
                                                                  : std::string();
        if (directive.empty()) {
            site.addresses = commaList(input.shown(value));
            site.at = &value;
        } else if (directive == "reverse_proxy"
                   && value.scalar.find("upstreams") != std::string::npos) {
            readUpstreams(site, value.scalar);
        } else if (directive.starts_with("basicauth") || directive.starts_with("basic_auth")
                   || directive.starts_with("forward_auth")) {
            site.authenticated = true;
        }
        if (!site.at)
            site.at = &value;
    }
    return sites;
}

/** caddy-docker-proxy: every service's caddy labels are a site routed to it. */
void readCaddyLabels(ComposeInput &input, ComposeService &proxy,
                     const std::vector<ComposeService> &services)
{
    int sites = 0;
    int secured = 0;
    int authenticated = 0;
    for (const ComposeService &service : services) {
        for (const auto &entry : caddySites(input, service)) {
            const CaddySite &site = entry.second;
            if (!site.proxied)
                continue;
            ++sites;
            const bool tls = !site.addresses.empty()
                             && std::all_of(site.addresses.begin(), site.addresses.end(),
                                            automaticHttps);
            secured += tls ? 1 : 0;
            authenticated += site.authenticated ? 1 : 0;
            const std::string how = "Caddy site " + joined(site.addresses)
                                    + (tls ? " (automatic HTTPS)" : " (without TLS)")
                                    + (site.authenticated ? ", with authentication" : "");
            addRoute(input, proxy, *site.at,
                     {service.name, "Caddy site " + joined(site.addresses), site.port,
                      site.protocol, how + "."},
                     how);
        }
    }
    addHttpEntryPoints(proxy, "Caddy", secured > 0 ? "its sites with a host name" : "");
    if (sites > 0) {
        proxy.proxyProperties["tlsTermination"] = tri(secured == sites);
        proxy.proxyProperties["clientAuthentication"] = tri(authenticated == sites);
    }
    appendNote(proxy.proxyProperties,
               "caddy-docker-proxy: " + std::to_string(sites) + " sites from labels.");
}

/** nginx-proxy: VIRTUAL_HOST on a service routes to it; LETSENCRYPT_HOST with acme-companion
 *  gives it a certificate. */
void readNginxProxy(ComposeInput &input, ComposeService &proxy,
                    const std::vector<ComposeService> &services)
{
    const bool companion = std::any_of(services.begin(), services.end(), [](const auto &s) {
        const std::string repository = parseImageName(s.image).repository;
        return repository == "acme-companion" || repository == "letsencrypt-nginx-proxy-companion";
    });
    int sites = 0;
    int secured = 0;
    for (const ComposeService &service : services) {
        const YamlNode *host = variable(service, "VIRTUAL_HOST");
        if (!host)
            continue;
        ++sites;
        const YamlNode *port = variable(service, "VIRTUAL_PORT");
        const YamlNode *proto = variable(service, "VIRTUAL_PROTO");
        const bool tls = companion && variable(service, "LETSENCRYPT_HOST");
        secured += tls ? 1 : 0;
        ProxyRoute route;
        route.target = service.name;
        route.name = "nginx-proxy host " + input.shown(*host);
        route.port = port ? portDigits(port->scalar).value_or(0) : onlyContainerPort(service);
        route.port = route.port ? route.port : 80;
        route.protocol = proto && lower(proto->scalar) == "https" ? "https" : "http";
        route.note = "nginx-proxy: VIRTUAL_HOST " + input.shown(*host)
                     + (tls ? " with a Let's Encrypt certificate (LETSENCRYPT_HOST, acme-companion)"
                            : " without a certificate the files show")
                     + ".";
        const std::string what = route.note;
        addRoute(input, proxy, *host, std::move(route), what);
    }
    addHttpEntryPoints(proxy, "nginx-proxy", secured > 0 ? "hosts with a certificate" : "");
    if (sites > 0)
        proxy.proxyProperties["tlsTermination"] = tri(secured == sites);
    appendNote(proxy.proxyProperties,
               "nginx-proxy: " + std::to_string(sites) + " hosts from VIRTUAL_HOST variables.");
}

/** nginx, Caddy, HAProxy, Envoy with their routes in a mounted file, which is not read. */
void reportConfigurationFile(ComposeInput &input, const ComposeService &proxy)
{
    const std::string file = mountedConfiguration(
        input, proxy,
        {"nginx.conf", "/etc/nginx", "Caddyfile", "/etc/caddy", "haproxy.cfg",
         "/usr/local/etc/haproxy", "envoy.y", "/etc/envoy"});
    input.skipped(
        *proxy.node,
        "service " + proxy.name + ": the proxy's routes are in "
            + (file.empty() ? std::string("its image's configuration") : "the mounted " + file)
            + ", which the import does not read: which services it reaches, and "
              "with what TLS, is unknown");
}

/** What the proxies read and what is left: commands of other services are never mapped. */
void reportUnread(ComposeInput &input, const ComposeService &service, ProxyProduct product)
{
    if (!service.command.empty() && product != ProxyProduct::Traefik)
        input.skipped(*service.node->find("command"),
                      "service " + service.name
                          + ": command not mapped (its values are not imported)");
    const auto unread = std::count_if(
        service.labels.begin(), service.labels.end(), [](const auto &label) {
            const std::string key = lower(label.first);
            return !key.starts_with("traefik.") && !key.starts_with("caddy");
        });
    if (unread > 0)
        input.skipped(*service.node->find("labels"),
                      "service " + service.name + ": " + std::to_string(unread)
                          + " labels not mapped (no proxy reads them)");
}

} // namespace

const YamlNode *serviceLabels(const ComposeService &service)
{
    const YamlNode *labels = service.node->find("labels");
    return labels && labels->isMapping() ? labels : nullptr;
}

std::optional<bool> switchValue(const std::string &text)
{
    const std::string value = lower(text);
    if (value.empty() || value == "true")
        return true;
    if (value == "false")
        return false;
    return std::nullopt;
}

long onlyContainerPort(const ComposeService &service)
{
    std::set<long> ports(service.exposed.begin(), service.exposed.end());
    for (const PublishedPort &port : service.ports)
        ports.insert(port.containerPort);
    return ports.size() == 1 ? *ports.begin() : 0;
}

std::string mountedConfiguration(const ComposeInput &input, const ComposeService &service,
                                 std::initializer_list<std::string_view> markers)
{
    const YamlNode *volumes = service.node->find("volumes");
    if (!volumes || !volumes->isSequence())
        return {};
    for (const YamlNode &entry : volumes->items) {
        const YamlNode *target = entry.isMapping() ? entry.find("target") : &entry;
        if (!target || !target->isScalar())
            continue;
        const std::string &text = target->scalar;
        const bool found = std::any_of(markers.begin(), markers.end(), [&](std::string_view m) {
            return text.find(m) != std::string::npos;
        });
        if (!found)
            continue;
        if (entry.isMapping()) {
            const YamlNode *source = entry.find("source");
            return input.shown(source && source->isScalar() ? *source : *target);
        }
        // SOURCE:TARGET[:MODE]: the source is what was mounted.
        const std::string shown = input.shown(entry);
        return shown.substr(0, shown.find(':'));
    }
    return {};
}

std::vector<std::string> commaList(const std::string &text)
{
    std::vector<std::string> items;
    for (const std::string &item : splitOn(text, ',')) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string::npos)
            continue;
        items.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    return items;
}

std::string someOf(const std::vector<std::string> &names)
{
    constexpr std::size_t listed = 5;
    if (names.size() <= listed)
        return joined(names);
    return joined({names.begin(), names.begin() + listed}) + " and "
           + std::to_string(names.size() - listed) + " more";
}

void readProxyConfiguration(ComposeInput &input, std::vector<ComposeService> &services)
{
    for (ComposeService &service : services)
        readLabels(input, service);
    for (ComposeService &service : services) {
        const ProxyProduct product = proxyProduct(service);
        if (product == ProxyProduct::Traefik)
            readTraefik(input, service, services);
        else if (product == ProxyProduct::CaddyLabels)
            readCaddyLabels(input, service, services);
        else if (product == ProxyProduct::NginxProxy)
            readNginxProxy(input, service, services);
        else if (product == ProxyProduct::ConfiguredByFile)
            reportConfigurationFile(input, service);
        reportUnread(input, service, product);
    }
}

void describeProxyEntryPoint(const ComposeService &service, long port, PropertyMap &flow)
{
    for (const ProxyEntryPoint &entry : service.entryPoints) {
        if (entry.port != port)
            continue;
        if (!entry.protocol.empty())
            flow["protocol"] = entry.protocol;
        if (!entry.encrypted.empty())
            flow["encrypted"] = entry.encrypted;
        if (!entry.authentication.empty())
            flow["authentication"] = entry.authentication;
        appendNote(flow, entry.note);
    }
}

void applyProxyProperties(const Catalog &catalog, const ComposeService &service, Element &element)
{
    const ElementKind *kind = catalog.findKind(element.kind);
    for (const auto &[name, value] : service.proxyProperties) {
        if (name == "notes")
            appendNote(element.properties, std::get<std::string>(value));
        else if (kind && catalog.findProperty(*kind, name))
            element.properties[name] = value;
        else
            // A container has no property for it: said in its notes so the reviewer sees it.
            appendNote(element.properties, "Its configuration shows " + name + " "
                                               + std::get<std::string>(value) + ".");
    }
}

void addProxyFlows(ComposeInput &input, ImportModelBuilder &builder,
                   const std::vector<ComposeService> &services)
{
    for (const ComposeService &proxy : services) {
        for (const ProxyRoute &route : proxy.routes) {
            const auto target = std::find_if(services.begin(), services.end(),
                                             [&](const auto &s) { return s.name == route.target; });
            if (target == services.end()) {
                input.skipped(*proxy.node, "service " + proxy.name + ": " + route.name
                                               + " names a service no file defines");
                continue;
            }
            PropertyMap properties;
            properties["protocol"] = route.protocol;
            properties["encrypted"] = tri(route.protocol == "https");
            if (route.port > 0)
                properties["port"] = std::int64_t(route.port);
            properties["notes"] = route.note;
            builder.addSeparateFlow(proxy.id, target->id, route.name, properties);
        }
    }
}

} // namespace bulkhead
