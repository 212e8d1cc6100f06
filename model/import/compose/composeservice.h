#pragma once

// Internal to the Compose import: a service between mapping and building the model.

#include "core/propertyvalue.h"
#include "import/yamltree.h"

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
    std::vector<std::string> secretsUsed;
    std::vector<std::string> volumesFrom;
    std::vector<std::pair<std::string, std::string>> namedMounts; ///< volume, target (":ro" kept)
    bool mountsRuntimeSocket = false;
    /** The command's words, in memory only: they may hold a password ("--requirepass"). */
    std::vector<std::string> command;
    /** Settings that only a container element can hold; a well-known image keeps its
     *  container kind when it has any. */
    std::vector<std::string> containerReasons;
    PropertyMap properties;
};

} // namespace bulkhead
