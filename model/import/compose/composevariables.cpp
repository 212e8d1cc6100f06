#include "import/compose/composevariables.h"

#include "import/yamltree.h"

#include <algorithm>
#include <cctype>

namespace bulkhead {

std::vector<std::pair<std::string, std::string>> parseEnvFile(const std::string &text)
{
    std::vector<std::pair<std::string, std::string>> variables;
    auto isNameStart = [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
    };
    auto isNameChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    };
    std::size_t at = 0;
    auto skipBlanks = [&] {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
            ++at;
    };
    auto skipLine = [&] {
        const auto end = text.find('\n', at);
        at = end == std::string::npos ? text.size() : end + 1;
    };
    while (at < text.size()) {
        skipBlanks();
        if (at >= text.size())
            break;
        if (text.compare(at, 7, "export ") == 0) {
            at += 7;
            skipBlanks();
        }
        if (!isNameStart(text[at])) {
            skipLine();
            continue;
        }
        const std::size_t nameStart = at;
        while (at < text.size() && isNameChar(text[at]))
            ++at;
        std::string name = text.substr(nameStart, at - nameStart);
        skipBlanks();
        if (at >= text.size() || (text[at] != '=' && text[at] != ':')) {
            skipLine();
            continue;
        }
        ++at;
        skipBlanks();
        std::string value;
        if (at < text.size() && (text[at] == '"' || text[at] == '\'')) {
            const char quote = text[at++];
            const auto close = text.find(quote, at);
            value = text.substr(at, close == std::string::npos ? std::string::npos : close - at);
            at = close == std::string::npos ? text.size() : close + 1;
            skipLine();
        } else {
            const auto end = text.find('\n', at);
            value = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
            if (const auto comment = value.find(" #"); comment != std::string::npos)
                value.erase(comment);
            while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
                value.pop_back();
            at = end == std::string::npos ? text.size() : end + 1;
        }
        auto existing = std::find_if(variables.begin(), variables.end(),
                                     [&](const auto &v) { return v.first == name; });
        if (existing != variables.end())
            existing->second = std::move(value);
        else
            variables.emplace_back(std::move(name), std::move(value));
    }
    return variables;
}

void ComposeVariables::setDotEnv(const std::vector<std::pair<std::string, std::string>> &variables)
{
    for (const auto &[name, value] : variables)
        m_dotEnv.insert_or_assign(name, value);
}

const std::string *ComposeVariables::lookup(const std::string &name) const
{
    if (const auto it = m_environment.find(name); it != m_environment.end())
        return &it->second;
    if (const auto it = m_dotEnv.find(name); it != m_dotEnv.end())
        return &it->second;
    return nullptr;
}

std::string ComposeVariables::sourceOf(const std::string &name) const
{
    return m_environment.count(name) ? "the environment" : "the .env file";
}

ComposeVariables::Position ComposeVariables::positionOf(const YamlNode &node)
{
    return {node.fileIndex, node.line, node.column};
}

const InterpolatedText *ComposeVariables::find(const YamlNode &node) const
{
    if (!node.isScalar())
        return nullptr;
    const auto it = m_interpolated.find(positionOf(node));
    return it == m_interpolated.end() ? nullptr : &it->second;
}

Status ComposeVariables::interpolate(YamlNode &node, const std::string &file)
{
    switch (node.type) {
    case YamlNode::Type::Scalar:
        if (node.scalar.find('$') != std::string::npos) {
            auto expanded = expand(node.scalar);
            if (!expanded)
                return Status::failure(yamlError(file, node, expanded.error()));
            node.scalar = std::move(expanded->value);
            if (!expanded->variables.empty()) {
                expanded->value.clear();
                m_interpolated.insert_or_assign(positionOf(node), std::move(*expanded));
            }
        }
        return {};
    case YamlNode::Type::Sequence:
        for (YamlNode &item : node.items)
            if (Status status = interpolate(item, file); !status)
                return status;
        return {};
    case YamlNode::Type::Mapping:
        // Keys are not interpolated, as in Compose.
        for (auto &entry : node.entries)
            if (Status status = interpolate(entry.second, file); !status)
                return status;
        return {};
    case YamlNode::Type::Null:
        break;
    }
    return {};
}

bool ComposeVariables::interpolated(const YamlNode &node) const
{
    return find(node) != nullptr;
}

bool ComposeVariables::fromEnvironment(const YamlNode &node) const
{
    const InterpolatedText *text = find(node);
    return text
           && std::any_of(text->variables.begin(), text->variables.end(),
                          [&](const std::string &name) { return m_environment.count(name) != 0; });
}

std::string ComposeVariables::shown(const YamlNode &node, const std::string &piece) const
{
    const InterpolatedText *text = find(node);
    return text ? text->shown : piece;
}

std::string ComposeVariables::shown(const YamlNode &node) const
{
    return shown(node, node.scalar);
}

std::string ComposeVariables::quoted(const YamlNode &node, const std::string &piece) const
{
    const InterpolatedText *text = find(node);
    if (!text)
        return "\"" + piece + "\"";
    std::string sources;
    for (const std::string &name : text->variables)
        sources += (sources.empty() ? "" : ", ") + name + " from " + sourceOf(name);
    return "\"" + text->shown + "\" (" + sources
           + (text->variables.size() > 1 ? "; their values are" : "; its value is") + " not shown)";
}

void ComposeVariables::rememberName(const YamlNode &node, const std::string &name,
                                    const std::string &shownAs)
{
    if (const InterpolatedText *text = find(node))
        m_shownNames.insert_or_assign(name, shownAs.empty() ? text->shown : shownAs);
}

std::string ComposeVariables::shownName(const std::string &name) const
{
    const auto it = m_shownNames.find(name);
    return it == m_shownNames.end() ? name : it->second;
}

Result<InterpolatedText> ComposeVariables::expand(const std::string &text)
{
    InterpolatedText out;
    std::string error;
    if (!expandInto(text, out, 0, error))
        return Result<InterpolatedText>::failure(error);
    return out;
}

bool ComposeVariables::expandInto(const std::string &text, InterpolatedText &out, int depth,
                                  std::string &error)
{
    if (depth > 8) {
        error = "variable defaults nested too deeply";
        return false;
    }
    // A value substituted goes into `value` only; `shown` names the variable instead.
    auto substitute = [&](const std::string &name, const std::string &value) {
        out.value += value;
        out.shown += "${" + name + "}";
        if (std::find(out.variables.begin(), out.variables.end(), name) == out.variables.end())
            out.variables.push_back(name);
    };
    auto literal = [&](char c) {
        out.value += c;
        out.shown += c;
    };
    auto isNameChar = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '$') {
            literal(text[i++]);
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '$') {
            literal('$');
            i += 2;
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '{') {
            // Find the matching brace; defaults may hold ${...} themselves.
            std::size_t close = i + 2;
            int open = 1;
            for (; close < text.size() && open > 0; ++close) {
                if (text[close] == '{')
                    ++open;
                else if (text[close] == '}')
                    --open;
            }
            if (open > 0) {
                error =
                    "unterminated ${ in this value (the value is not shown: it may be a secret)";
                return false;
            }
            const std::string inner = text.substr(i + 2, close - 1 - (i + 2));
            i = close;
            std::size_t nameEnd = 0;
            while (nameEnd < inner.size() && isNameChar(inner[nameEnd]))
                ++nameEnd;
            const std::string name = inner.substr(0, nameEnd);
            if (name.empty()) {
                error = "${} needs a variable name";
                return false;
            }
            std::string operation = inner.substr(nameEnd);
            const std::string *value = lookup(name);
            const bool colon = !operation.empty() && operation.front() == ':';
            if (colon)
                operation.erase(0, 1);
            const bool set = value && (!colon || !value->empty());
            if (operation.empty()) {
                if (value)
                    substitute(name, *value);
                else
                    m_unset.insert(name);
            } else if (operation[0] == '-') {
                if (set)
                    substitute(name, *value);
                else if (!expandInto(operation.substr(1), out, depth + 1, error))
                    return false;
            } else if (operation[0] == '+') {
                if (set && !expandInto(operation.substr(1), out, depth + 1, error))
                    return false;
            } else if (operation[0] == '?') {
                // The message is the file's own text, shown as written: never expanded.
                if (!set) {
                    error = "required variable " + name + " is not set"
                            + (operation.size() > 1 ? ": " + operation.substr(1) : std::string());
                    return false;
                }
                substitute(name, *value);
            } else {
                error = "unsupported syntax after the variable name " + name
                        + " (use :-, -, :?, ?, :+ or +)";
                return false;
            }
            continue;
        }
        std::size_t nameEnd = i + 1;
        while (nameEnd < text.size() && isNameChar(text[nameEnd]))
            ++nameEnd;
        if (nameEnd == i + 1) {
            literal(text[i++]);
            continue;
        }
        const std::string name = text.substr(i + 1, nameEnd - i - 1);
        if (const std::string *value = lookup(name))
            substitute(name, *value);
        else
            m_unset.insert(name);
        i = nameEnd;
    }
    return true;
}

} // namespace bulkhead
