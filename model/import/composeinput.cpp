#include "import/compose/composeinput.h"

#include <cctype>

namespace bulkhead {

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string joined(const std::vector<std::string> &items, const char *separator)
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

std::vector<std::string> splitOn(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(text.substr(start, at - start));
    parts.push_back(text.substr(start));
    return parts;
}

bool ComposeInput::fail(const YamlNode &at, const std::string &message)
{
    if (error.empty())
        error = yamlError(fileOf(at), at, message);
    return false;
}

std::string ComposeInput::where(const YamlNode &node) const
{
    return node.line > 0 ? fileOf(node) + ":" + std::to_string(node.line) : fileOf(node);
}

bool ComposeInput::readBool(const YamlNode &node, const std::string &what, bool &out)
{
    if (node.isScalar()) {
        const std::string value = lower(node.scalar);
        if (value == "true" || value == "yes" || value == "on") {
            out = true;
            return true;
        }
        if (value == "false" || value == "no" || value == "off") {
            out = false;
            return true;
        }
    }
    return fail(node, what + " must be true or false, not "
                          + (node.isScalar() ? quoted(node) : std::string(node.typeName())));
}

bool ComposeInput::readText(const YamlNode &node, const std::string &what, std::string &out)
{
    if (!node.isScalar())
        return fail(node, what + " must be text, not " + std::string(node.typeName()));
    out = node.scalar;
    return true;
}

bool ComposeInput::readTextItems(const YamlNode &node, const std::string &what,
                                 std::vector<const YamlNode *> &out)
{
    if (node.isScalar()) {
        out.push_back(&node);
        return true;
    }
    if (!node.isSequence())
        return fail(node, what + " must be a list, not " + std::string(node.typeName()));
    for (const YamlNode &item : node.items) {
        if (!item.isScalar())
            return fail(item, what + " entries must be text, not " + std::string(item.typeName()));
        out.push_back(&item);
    }
    return true;
}

std::vector<std::string> ComposeInput::shownNames(std::vector<std::string> names) const
{
    for (std::string &name : names)
        name = shownName(name);
    return names;
}

} // namespace bulkhead
