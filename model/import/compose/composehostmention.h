#pragma once

// Internal to the Compose import: whether a caller's environment points at a service it only
// lists in depends_on. Configuration text such as WORDPRESS_CONFIG_EXTRA holding
// define('WP_REDIS_HOST', 'redis') names the host though no variable is named like one.

#include "import/compose/composeservice.h"

#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Whether `value` names `host` (either in any case) as a whole token that reads as an address:
 * in matching quotes ('redis', "redis"), after `=` (host=redis), `//` or `@` (a URL's host), or
 * before `:` and a digit (redis:6379). A bare word does not count: CACHE_DRIVER=redis names a
 * driver, and "redis-cache" or "redis.example.com" is another host.
 */
bool mentionsHostToken(std::string_view value, std::string_view host);

/**
 * The first setting (the environment key winning over env_file, as in Compose) whose value
 * mentions `host` as mentionsHostToken() reads it, skipping a value the host-variable reading
 * (hostsNamedBy) already resolves to that name; nullptr when none does.
 */
const EnvironmentSetting *settingMentioningHost(const std::vector<EnvironmentSetting> &environment,
                                                const std::string &host);

} // namespace bulkhead
