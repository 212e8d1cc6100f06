#include "import/compose/composeinput.h"

#include <cctype>

namespace bulkhead {

std::vector<std::string> splitOn(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(text.substr(start, at - start));
    parts.push_back(text.substr(start));
    return parts;
}

void ComposeInput::fail(const YamlNode &at, const std::string &message) const
{
    throw ImportFailure{yamlError(fileOf(at), at, message)};
}

std::string ComposeInput::where(const YamlNode &node) const
{
    return node.line > 0 ? fileOf(node) + ":" + std::to_string(node.line) : fileOf(node);
}

bool ComposeInput::readBool(const YamlNode &node, const std::string &what) const
{
    if (node.isScalar()) {
        const std::string value = lower(node.scalar);
        if (value == "true" || value == "yes" || value == "on")
            return true;
        if (value == "false" || value == "no" || value == "off")
            return false;
    }
    fail(node, what + " must be true or false, not "
                   + (node.isScalar() ? quoted(node) : std::string(node.typeName())));
}

const std::string &ComposeInput::readText(const YamlNode &node, const std::string &what) const
{
    if (!node.isScalar())
        fail(node, what + " must be text, not " + std::string(node.typeName()));
    return node.scalar;
}

const std::vector<YamlNode> &ComposeInput::readList(const YamlNode &node,
                                                    const std::string &what) const
{
    if (!node.isSequence())
        fail(node, what + " must be a list, not " + std::string(node.typeName()));
    return node.items;
}

std::vector<const YamlNode *> ComposeInput::readTextItems(const YamlNode &node,
                                                          const std::string &what) const
{
    if (node.isScalar())
        return {&node};
    std::vector<const YamlNode *> items;
    for (const YamlNode &item : readList(node, what)) {
        if (!item.isScalar())
            fail(item, what + " entries must be text, not " + std::string(item.typeName()));
        items.push_back(&item);
    }
    return items;
}

std::vector<std::string> ComposeInput::shownNames(std::vector<std::string> names) const
{
    for (std::string &name : names)
        name = shownName(name);
    return names;
}

} // namespace bulkhead
