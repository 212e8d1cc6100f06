#include "import/compose/composehostmention.h"

#include "import/compose/composeflowinference.h"
#include "import/importsupport.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace bulkhead {

namespace {

bool partOfAName(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

bool readsAsAddress(std::string_view value, std::size_t start, std::size_t end)
{
    const char before = start > 0 ? value[start - 1] : '\0';
    const char after = end < value.size() ? value[end] : '\0';
    if ((before == '\'' || before == '"') && after == before)
        return true;
    if (before == '=' || before == '@' || (before == '/' && start > 1 && value[start - 2] == '/'))
        return true;
    return after == ':' && end + 1 < value.size()
           && std::isdigit(static_cast<unsigned char>(value[end + 1]));
}

} // namespace

bool mentionsHostToken(std::string_view value, std::string_view host)
{
    if (host.empty())
        return false;
    const std::string text = lower(std::string(value));
    const std::string name = lower(std::string(host));
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        const std::size_t end = at + name.size();
        const bool wholeToken = (at == 0 || !partOfAName(text[at - 1]))
                                && (end == text.size() || !partOfAName(text[end]));
        if (wholeToken && readsAsAddress(text, at, end))
            return true;
    }
    return false;
}

const EnvironmentSetting *settingMentioningHost(const std::vector<EnvironmentSetting> &environment,
                                                const std::string &host)
{
    std::set<std::string> setDirectly;
    for (const EnvironmentSetting &setting : environment)
        if (setting.envFile.empty())
            setDirectly.insert(setting.name);
    const std::string name = lower(host);
    for (const EnvironmentSetting &setting : environment) {
        if (!setting.value || !setting.at
            || (!setting.envFile.empty() && setDirectly.count(setting.name)))
            continue;
        const std::vector<HostReference> named = hostsNamedBy(setting.name, *setting.value);
        if (std::any_of(named.begin(), named.end(),
                        [&](const HostReference &reference) { return reference.host == name; }))
            continue;
        if (mentionsHostToken(*setting.value, host))
            return &setting;
    }
    return nullptr;
}

} // namespace bulkhead
