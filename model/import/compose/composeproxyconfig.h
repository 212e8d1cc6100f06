#pragma once

// Internal to the Compose import: what reverse proxies' labels, commands and variables say
// about their entry points and the services they route to (docs/import.md#reverse-proxies).

#include "core/threatmodel.h"
#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"
#include "import/importmodelbuilder.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;

/**
 * Reads every service's `command` and `labels` (type-checked; values stay out of the model) and
 * the configuration of the reverse proxies among the services: Traefik's flags and the labels of
 * the services it routes to, caddy-docker-proxy's labels, nginx-proxy's VIRTUAL_HOST variables.
 * Fills each proxy's entryPoints, routes and proxyProperties and reports what it read with file
 * and line; a proxy whose routes are in a mounted file is reported as such, never guessed.
 */
void readProxyConfiguration(ComposeInput &input, std::vector<ComposeService> &services);

/** What the proxy's configuration says about a flow to its container port `port`. */
void describeProxyEntryPoint(const ComposeService &service, long port, PropertyMap &flow);

/** The proxy's properties that `element`'s kind defines in `catalog` (the one the import maps
 *  onto); the others go into its notes. */
void applyProxyProperties(const Catalog &catalog, const ComposeService &service, Element &element);

/** A flow from each proxy to each service it routes to, with port and protocol. */
void addProxyFlows(ComposeInput &input, ImportModelBuilder &builder,
                   const std::vector<ComposeService> &services);

// Shared by the readers of each proxy (composeproxyconfig.cpp, composetraefik.cpp).

/**
 * Traefik: its static configuration from the proxy's flags and TRAEFIK_* variables, and the
 * routers, middlewares and services that labels define on every service.
 */
void readTraefik(ComposeInput &input, ComposeService &proxy,
                 const std::vector<ComposeService> &services);

/** The service's labels as a mapping (the loader turns the list form into one), or nullptr. */
const YamlNode *serviceLabels(const ComposeService &service);

/** A switch as proxies write it: true or false in any case, and a bare flag ("") is true. */
std::optional<bool> switchValue(const std::string &text);

/** The port a proxy reaches a service on when nothing names it: its only exposed or published
 *  container port, else 0 (the image decides, which the files do not show). */
long onlyContainerPort(const ComposeService &service);

/** A mount whose target contains one of `markers` ("traefik.yml", "/etc/nginx"), as written;
 *  empty when there is none. */
std::string mountedConfiguration(const ComposeInput &input, const ComposeService &service,
                                 std::initializer_list<std::string_view> markers);

/** "a, b,c" → {"a", "b", "c"}. */
std::vector<std::string> commaList(const std::string &text);

/** "a, b and 3 more": names for a note, listing a few. */
std::string someOf(const std::vector<std::string> &names);

} // namespace bulkhead
