#pragma once

// Internal to the Compose import: a service between mapping and building the model.

#include "core/propertyvalue.h"
#include "import/credentialfacts.h"
#include "import/environmentvariable.h"
#include "import/yamltree.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bulkhead {

/** One published port, as `docker compose config` would spell it. */
struct PublishedPort
{
    std::string bind = "0.0.0.0"; ///< as shown: an address from a variable stays ${NAME}
    bool loopback = false;
    bool allInterfaces = true;
    std::string hostPort; ///< empty: Docker picks one
    long containerPort = 0;
    std::string protocol = "tcp";
    const YamlNode *at = nullptr; ///< the port entry, for the report
};

/** An environment variable of a service and where it was set. Its value is for inferring flows
 *  and for the credential checks, in memory only (see EnvironmentVariable). */
struct EnvironmentSetting : EnvironmentVariable
{
    const YamlNode *at = nullptr; ///< where the report points: the value, or the env_file entry
    std::string envFile;          ///< the env_file it comes from, as shown; empty for none
};

/** What a reverse proxy's configuration says about one of its container ports. */
struct ProxyEntryPoint
{
    long port = 0;
    std::string protocol;       ///< "http" or "https"; empty: as the port number suggests
    std::string encrypted;      ///< "yes" or "no"; empty: unknown
    std::string authentication; ///< "none" for an admin API served without a login
    std::string note;
};

/** A route from a reverse proxy to a service of the project. */
struct ProxyRoute
{
    std::string target; ///< the service's name
    std::string name;   ///< the flow's name: which router or site
    long port = 0;      ///< 0: the files do not say
    std::string protocol = "http";
    std::string note;
};

/** A service as read, before it becomes an element. */
struct ComposeService
{
    std::string name;
    const YamlNode *node = nullptr;
    std::string id;
    std::string kind = "container";
    std::string image;
    std::string shownImage; ///< as written: a variable's value stays ${NAME}
    bool built = false;
    std::vector<std::string> networks;
    std::string networkMode;
    std::vector<PublishedPort> ports;
    std::vector<long> exposed;
    std::vector<std::string> dependencies;
    std::vector<EnvironmentSetting> environment;
    /** An env_file could not be read: the variables it sets, and so the environment, are
     *  unknown. */
    bool envFileUnread = false;
    /** What the variables' values show about its credentials (names, fingerprints). */
    CredentialFacts credentials;
    std::vector<std::string> secretsUsed;
    std::vector<std::string> volumesFrom;
    std::vector<std::pair<std::string, std::string>> namedMounts; ///< volume, target (":ro" kept)
    bool mountsRuntimeSocket = false;
    /** The command's words, in memory only: they may hold a password ("--requirepass"); a
     *  proxy's flags and the image's insecure defaults are read from them. */
    std::vector<std::string> command;
    /** The entrypoint's words when the service overrides the image's, in memory only. */
    std::vector<std::string> entrypoint;
    std::map<std::string, std::string> labels; ///< name → value, parsed only by proxies
    /** Set on a reverse proxy by readProxyConfiguration(). */
    std::vector<ProxyEntryPoint> entryPoints;
    std::vector<ProxyRoute> routes;
    PropertyMap proxyProperties; ///< ingress properties its configuration shows
    PropertyMap properties;
};

} // namespace bulkhead
