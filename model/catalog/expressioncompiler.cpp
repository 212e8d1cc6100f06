#include "expressioncompiler.h"

#include "catalog.h"
#include "core/displaytext.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace bulkhead {

const char *valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::Bool:
        return "bool";
    case ValueType::Int:
        return "int";
    case ValueType::String:
        return "string";
    case ValueType::StringList:
        return "list of strings";
    case ValueType::IntList:
        return "list of integers";
    }
    return "?";
}

namespace {

enum class TokenType {
    Name,
    Integer,
    String,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Compare,
    And,
    Or,
    Not,
    In,
    True,
    False,
    End,
};

struct Token
{
    TokenType type = TokenType::End;
    std::string text;
    std::size_t offset = 0;
};

/** Thrown inside the compiler only; becomes the Result's message. */
struct CompileError
{
    std::size_t offset;
    std::string message;
};

bool isNameStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

std::vector<Token> tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::size_t pos = 0;
    while (true) {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
            ++pos;
        Token token;
        token.offset = pos;
        if (pos >= text.size()) {
            tokens.push_back(token);
            return tokens;
        }
        const char c = text[pos];
        if (isNameStart(c)) {
            std::size_t end = pos;
            while (true) {
                while (end < text.size() && isNameChar(text[end]))
                    ++end;
                if (end + 1 < text.size() && text[end] == '.' && isNameStart(text[end + 1]))
                    ++end;
                else
                    break;
            }
            token.text = std::string(text.substr(pos, end - pos));
            if (token.text == "and")
                token.type = TokenType::And;
            else if (token.text == "or")
                token.type = TokenType::Or;
            else if (token.text == "not")
                token.type = TokenType::Not;
            else if (token.text == "in")
                token.type = TokenType::In;
            else if (token.text == "true")
                token.type = TokenType::True;
            else if (token.text == "false")
                token.type = TokenType::False;
            else
                token.type = TokenType::Name;
            pos = end;
        } else if (std::isdigit(static_cast<unsigned char>(c))
                   || (c == '-' && pos + 1 < text.size()
                       && std::isdigit(static_cast<unsigned char>(text[pos + 1])))) {
            std::size_t end = pos + 1;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
                ++end;
            token.type = TokenType::Integer;
            token.text = std::string(text.substr(pos, end - pos));
            pos = end;
        } else if (c == '"') {
            std::string value;
            std::size_t end = pos + 1;
            bool closed = false;
            while (end < text.size()) {
                if (text[end] == '\\' && end + 1 < text.size()
                    && (text[end + 1] == '"' || text[end + 1] == '\\')) {
                    value += text[end + 1];
                    end += 2;
                } else if (text[end] == '"') {
                    closed = true;
                    ++end;
                    break;
                } else {
                    value += text[end++];
                }
            }
            if (!closed)
                throw CompileError{pos, "string is not closed: missing '\"'"};
            token.type = TokenType::String;
            token.text = std::move(value);
            pos = end;
        } else {
            const std::string_view two = text.substr(pos, 2);
            if (two == "==" || two == "!=" || two == "<=" || two == ">=") {
                token.type = TokenType::Compare;
                token.text = std::string(two);
                pos += 2;
            } else {
                ++pos;
                token.text = std::string(1, c);
                switch (c) {
                case '(':
                    token.type = TokenType::LeftParen;
                    break;
                case ')':
                    token.type = TokenType::RightParen;
                    break;
                case '[':
                    token.type = TokenType::LeftBracket;
                    break;
                case ']':
                    token.type = TokenType::RightBracket;
                    break;
                case ',':
                    token.type = TokenType::Comma;
                    break;
                case '<':
                case '>':
                    token.type = TokenType::Compare;
                    break;
                case '=':
                    throw CompileError{token.offset, "use \"==\" to compare"};
                default:
                    throw CompileError{token.offset, "unexpected character '" + token.text + "'"};
                }
            }
        }
        tokens.push_back(std::move(token));
    }
}

std::string describeKinds(const std::vector<const ElementKind *> &kinds)
{
    std::string out;
    for (const ElementKind *kind : kinds)
        out += (out.empty() ? "" : ", ") + kind->id;
    return out;
}

ValueType typeOfProperty(PropertyType type)
{
    switch (type) {
    case PropertyType::Bool:
    case PropertyType::Tri:
        return ValueType::Bool;
    case PropertyType::Int:
        return ValueType::Int;
    case PropertyType::StringList:
        return ValueType::StringList;
    case PropertyType::Enum:
    case PropertyType::String:
        break;
    }
    return ValueType::String;
}

class Compiler
{
public:
    Compiler(std::string_view text, const CompileContext &context)
        : m_text(text)
        , m_context(context)
        , m_catalog(*context.catalog)
    {}

    CompiledExpression run()
    {
        if (m_text.size() > maxExpressionLength) {
            throw CompileError{0, "expression is longer than " + std::to_string(maxExpressionLength)
                                      + " characters"};
        }
        m_tokens = tokenize(m_text);
        if (m_tokens.front().type == TokenType::End)
            throw CompileError{0, "expression is empty"};
        const int root = parseOr();
        if (current().type != TokenType::End) {
            if (current().type == TokenType::RightParen)
                throw CompileError{current().offset, "unbalanced \")\""};
            throw CompileError{current().offset, "unexpected " + displayQuoted(current().text)
                                                     + " after a complete expression"};
        }
        requireType(root, ValueType::Bool, "the rule");
        m_result.text = std::string(m_text);
        m_result.root = root;
        return std::move(m_result);
    }

private:
    const Token &current() const { return m_tokens[m_index]; }
    const Token &advance() { return m_tokens[m_index++]; }
    bool accept(TokenType type)
    {
        if (current().type != type)
            return false;
        ++m_index;
        return true;
    }

    ExpressionNode &node(int index) { return m_result.nodes[static_cast<std::size_t>(index)]; }

    int add(ExpressionNode n, std::size_t offset)
    {
        n.column = static_cast<int>(offset) + 1;
        m_result.nodes.push_back(std::move(n));
        return static_cast<int>(m_result.nodes.size()) - 1;
    }

    void requireType(int index, ValueType type, const std::string &what)
    {
        const ExpressionNode &n = node(index);
        if (n.type != type) {
            throw CompileError{static_cast<std::size_t>(n.column - 1),
                               what + " must be " + valueTypeName(type) + ", not "
                                   + valueTypeName(n.type)};
        }
    }

    struct DepthGuard
    {
        DepthGuard(int &depth, std::size_t offset)
            : m_depth(depth)
        {
            if (++m_depth > maxExpressionDepth) {
                throw CompileError{offset, "expression is nested more than "
                                               + std::to_string(maxExpressionDepth)
                                               + " levels deep"};
            }
        }
        ~DepthGuard() { --m_depth; }
        int &m_depth;
    };

    int logical(NodeOp op, int left, int right, std::size_t offset, const char *word)
    {
        requireType(left, ValueType::Bool, std::string("the left side of \"") + word + "\"");
        requireType(right, ValueType::Bool, std::string("the right side of \"") + word + "\"");
        ExpressionNode n;
        n.op = op;
        n.type = ValueType::Bool;
        n.children = {left, right};
        return add(std::move(n), offset);
    }

    int parseOr()
    {
        int left = parseAnd();
        while (current().type == TokenType::Or) {
            const std::size_t offset = advance().offset;
            left = logical(NodeOp::Or, left, parseAnd(), offset, "or");
        }
        return left;
    }

    int parseAnd()
    {
        int left = parseNot();
        while (current().type == TokenType::And) {
            const std::size_t offset = advance().offset;
            left = logical(NodeOp::And, left, parseNot(), offset, "and");
        }
        return left;
    }

    int parseNot()
    {
        if (current().type == TokenType::Not) {
            const std::size_t offset = advance().offset;
            DepthGuard guard(m_depth, offset);
            const int operand = parseNot();
            requireType(operand, ValueType::Bool, "the operand of \"not\"");
            ExpressionNode n;
            n.op = NodeOp::Not;
            n.children = {operand};
            return add(std::move(n), offset);
        }
        return parseComparison();
    }

    void checkEnumLiteral(int propertyIndex, int literalIndex)
    {
        const ExpressionNode &prop = node(propertyIndex);
        const ExpressionNode &literal = node(literalIndex);
        if (prop.op != NodeOp::Property)
            return;
        std::vector<std::string> values;
        bool isEnum = false;
        for (const auto &[kind, spec] : prop.property.specs) {
            if (spec->type != PropertyType::Enum)
                continue;
            isEnum = true;
            values.insert(values.end(), spec->values.begin(), spec->values.end());
        }
        if (!isEnum)
            return;
        auto check = [&](const std::string &value) {
            if (std::find(values.begin(), values.end(), value) == values.end()) {
                std::string allowed;
                for (const std::string &v : values) {
                    if (allowed.find(displayQuoted(v)) == std::string::npos)
                        allowed += (allowed.empty() ? "" : ", ") + displayQuoted(v);
                }
                throw CompileError{static_cast<std::size_t>(literal.column - 1),
                                   displayQuoted(value) + " is not a value of " + prop.stringValue
                                       + " (" + allowed + ")"};
            }
        };
        if (literal.op == NodeOp::StringLiteral)
            check(literal.stringValue);
        else if (literal.op == NodeOp::StringListLiteral)
            std::for_each(literal.stringList.begin(), literal.stringList.end(), check);
    }

    int parseComparison()
    {
        const int left = parseOperand();
        NodeOp op;
        const Token &t = current();
        if (t.type == TokenType::Compare) {
            op = t.text == "=="   ? NodeOp::Equal
                 : t.text == "!=" ? NodeOp::NotEqual
                 : t.text == "<"  ? NodeOp::Less
                 : t.text == "<=" ? NodeOp::LessEqual
                 : t.text == ">"  ? NodeOp::Greater
                                  : NodeOp::GreaterEqual;
        } else if (t.type == TokenType::In) {
            op = NodeOp::In;
        } else if (t.type == TokenType::Not && m_tokens[m_index + 1].type == TokenType::In) {
            op = NodeOp::NotIn;
            ++m_index;
        } else {
            return left;
        }
        const std::size_t offset = advance().offset;
        const int right = parseOperand();
        const ValueType lt = node(left).type;
        const ValueType rt = node(right).type;
        if (op == NodeOp::In || op == NodeOp::NotIn) {
            const bool ok = (lt == ValueType::String && rt == ValueType::StringList)
                            || (lt == ValueType::Int && rt == ValueType::IntList);
            if (!ok) {
                throw CompileError{offset, std::string("cannot test whether a ") + valueTypeName(lt)
                                               + " is in a " + valueTypeName(rt)};
            }
            checkEnumLiteral(left, right);
        } else {
            if (lt != rt) {
                throw CompileError{offset, std::string("cannot compare ") + valueTypeName(lt)
                                               + " with " + valueTypeName(rt)};
            }
            const bool ordering = op != NodeOp::Equal && op != NodeOp::NotEqual;
            if (ordering && lt != ValueType::Int)
                throw CompileError{offset, displayQuoted(t.text) + " compares integers only"};
            if (lt == ValueType::StringList || lt == ValueType::IntList)
                throw CompileError{offset, "lists cannot be compared; use \"in\" or count()"};
            checkEnumLiteral(left, right);
            checkEnumLiteral(right, left);
        }
        ExpressionNode n;
        n.op = op;
        n.type = ValueType::Bool;
        n.children = {left, right};
        return add(std::move(n), offset);
    }

    int parseList()
    {
        const std::size_t offset = advance().offset; // '['
        ExpressionNode n;
        n.op = NodeOp::StringListLiteral;
        n.type = ValueType::StringList;
        bool sawString = false;
        bool sawInt = false;
        if (!accept(TokenType::RightBracket)) {
            while (true) {
                const Token &item = advance();
                if (item.type == TokenType::String) {
                    sawString = true;
                    n.stringList.push_back(item.text);
                } else if (item.type == TokenType::Integer) {
                    sawInt = true;
                    n.intList.push_back(parseInteger(item));
                } else {
                    throw CompileError{item.offset, "a list holds string or integer literals only"};
                }
                if (sawString && sawInt)
                    throw CompileError{item.offset, "a list cannot mix strings and integers"};
                if (accept(TokenType::RightBracket))
                    break;
                if (!accept(TokenType::Comma))
                    throw CompileError{current().offset, "missing \",\" or \"]\" in the list"};
            }
        }
        if (sawInt) {
            n.op = NodeOp::IntListLiteral;
            n.type = ValueType::IntList;
        }
        return add(std::move(n), offset);
    }

    static std::int64_t parseInteger(const Token &token)
    {
        std::int64_t value = 0;
        const char *begin = token.text.data();
        const char *end = begin + token.text.size();
        const auto [ptr, error] = std::from_chars(begin, end, value);
        if (error != std::errc() || ptr != end)
            throw CompileError{token.offset, "integer " + token.text + " is out of range"};
        return value;
    }

    int parseOperand()
    {
        const Token &t = current();
        switch (t.type) {
        case TokenType::True:
        case TokenType::False: {
            advance();
            ExpressionNode n;
            n.op = NodeOp::BoolLiteral;
            n.boolValue = t.type == TokenType::True;
            return add(std::move(n), t.offset);
        }
        case TokenType::Integer: {
            advance();
            ExpressionNode n;
            n.op = NodeOp::IntLiteral;
            n.type = ValueType::Int;
            n.intValue = parseInteger(t);
            return add(std::move(n), t.offset);
        }
        case TokenType::String: {
            advance();
            ExpressionNode n;
            n.op = NodeOp::StringLiteral;
            n.type = ValueType::String;
            n.stringValue = t.text;
            return add(std::move(n), t.offset);
        }
        case TokenType::LeftBracket:
            return parseList();
        case TokenType::LeftParen: {
            const std::size_t offset = advance().offset;
            DepthGuard guard(m_depth, offset);
            const int inner = parseOr();
            if (!accept(TokenType::RightParen))
                throw CompileError{current().offset, "missing \")\" to close the \"(\" at column "
                                                         + std::to_string(offset + 1)};
            return inner;
        }
        case TokenType::Name: {
            advance();
            if (current().type == TokenType::LeftParen)
                return parseCall(t);
            return resolveReference(t);
        }
        case TokenType::End:
            throw CompileError{t.offset, "expression ends too early"};
        case TokenType::RightParen:
            throw CompileError{t.offset, "unbalanced \")\""};
        default:
            throw CompileError{t.offset, "unexpected " + displayQuoted(t.text)};
        }
    }

    const ElementKind *kindArgument(const ExpressionNode &arg, const std::string &function,
                                    int wantBoundary)
    {
        // wantBoundary: 1 boundary kinds only, 0 element kinds only, -1 either
        if (arg.op != NodeOp::StringLiteral) {
            throw CompileError{static_cast<std::size_t>(arg.column - 1),
                               function + "() takes a kind name in quotes"};
        }
        const ElementKind *kind = m_catalog.findKind(arg.stringValue);
        if (!kind) {
            throw CompileError{static_cast<std::size_t>(arg.column - 1),
                               "unknown kind " + displayQuoted(arg.stringValue)};
        }
        if (wantBoundary == 1 && !kind->isBoundary()) {
            throw CompileError{static_cast<std::size_t>(arg.column - 1),
                               function + "() takes a boundary kind; " + displayQuoted(kind->id)
                                   + " is not one"};
        }
        if (wantBoundary == 0 && kind->isBoundary()) {
            throw CompileError{static_cast<std::size_t>(arg.column - 1),
                               function + "() takes an element kind; " + displayQuoted(kind->id)
                                   + " is a boundary kind"};
        }
        return kind;
    }

    /**
     * model.any("k", condition): the condition is compiled as an element rule on kind `k`, so
     * its names are that element's properties and enclosing boundaries.
     */
    int parseModelAny(const Token &nameToken)
    {
        DepthGuard guard(m_depth, nameToken.offset);
        const int kindNode = parseOr();
        const ElementKind *kind = kindArgument(node(kindNode), nameToken.text, 0);
        if (!accept(TokenType::Comma))
            throw CompileError{current().offset, "model.any() takes a kind and a condition"};
        const CompileContext outer = m_context;
        m_context.scope = RuleScope::Element;
        m_context.subjectKinds = {kind};
        const int condition = parseOr();
        m_context = outer;
        requireType(condition, ValueType::Bool, "the condition of model.any()");
        if (!accept(TokenType::RightParen))
            throw CompileError{current().offset,
                               "missing \")\" after the arguments of model.any()"};
        ExpressionNode n;
        n.op = NodeOp::ModelAny;
        n.type = ValueType::Bool;
        n.stringValue = nameToken.text;
        n.kindArgument = kind;
        n.children = {condition};
        return add(std::move(n), nameToken.offset);
    }

    int parseCall(const Token &nameToken)
    {
        const std::string &name = nameToken.text;
        advance(); // '('
        if (name == "model.any")
            return parseModelAny(nameToken);
        std::vector<int> args;
        if (!accept(TokenType::RightParen)) {
            DepthGuard guard(m_depth, nameToken.offset);
            while (true) {
                args.push_back(parseOr());
                if (accept(TokenType::RightParen))
                    break;
                if (!accept(TokenType::Comma))
                    throw CompileError{current().offset,
                                       "missing \")\" after the arguments of " + name + "()"};
            }
        }
        struct FunctionInfo
        {
            const char *name;
            NodeOp op;
            std::size_t arity;
            int kindArg; // -2: no kind argument; else wantBoundary for kindArgument()
            int scopes;  // bit 0 element, 1 flow, 2 model
            ValueType result;
        };
        static const FunctionInfo functions[] = {
            {"crosses", NodeOp::Crosses, 1, 1, 0b010, ValueType::Bool},
            {"reachableFrom", NodeOp::ReachableFrom, 1, -1, 0b001, ValueType::Bool},
            {"openedFrom", NodeOp::OpenedFrom, 1, -1, 0b010, ValueType::Bool},
            {"hasFlowFrom", NodeOp::HasFlowFrom, 1, 0, 0b001, ValueType::Bool},
            {"hasFlowTo", NodeOp::HasFlowTo, 1, 0, 0b001, ValueType::Bool},
            {"inside", NodeOp::Inside, 1, 1, 0b001, ValueType::Bool},
            {"model.has", NodeOp::ModelHas, 1, -1, 0b111, ValueType::Bool},
            {"model.count", NodeOp::ModelCount, 1, -1, 0b111, ValueType::Int},
            {"count", NodeOp::Count, 1, -2, 0b111, ValueType::Int},
            {"matches", NodeOp::Matches, 2, -2, 0b111, ValueType::Bool},
            {"mountsUnder", NodeOp::MountsUnder, 2, -2, 0b111, ValueType::Bool},
            {"memberCount", NodeOp::MemberCount, 0, -2, 0b001, ValueType::Int},
            {"known", NodeOp::Known, 1, -2, 0b111, ValueType::Bool},
        };
        const auto *info = std::find_if(std::begin(functions), std::end(functions),
                                        [&](const FunctionInfo &f) { return name == f.name; });
        if (info == std::end(functions))
            throw CompileError{nameToken.offset, "unknown function " + displayQuoted(name)};
        const int scopeBit = m_context.scope == RuleScope::Element ? 1
                             : m_context.scope == RuleScope::Flow  ? 2
                                                                   : 4;
        if (!(info->scopes & scopeBit)) {
            static const char *scopeNames[] = {"", "element", "flow", "", "model"};
            throw CompileError{nameToken.offset,
                               name + "() cannot be used in a " + scopeNames[scopeBit] + " rule"};
        }
        if (args.size() != info->arity) {
            throw CompileError{nameToken.offset,
                               name + "() takes " + std::to_string(info->arity)
                                   + (info->arity == 1 ? " argument" : " arguments")};
        }
        ExpressionNode n;
        n.op = info->op;
        n.type = info->result;
        n.stringValue = name;
        if (info->kindArg != -2) {
            n.kindArgument = kindArgument(node(args[0]), name, info->kindArg);
        } else if (info->op == NodeOp::Count) {
            const ValueType t = node(args[0]).type;
            if (t != ValueType::StringList && t != ValueType::IntList) {
                throw CompileError{static_cast<std::size_t>(node(args[0]).column - 1),
                                   "count() takes a list"};
            }
            n.children = {args[0]};
        } else if (info->op == NodeOp::Matches) {
            const ValueType t = node(args[0]).type;
            if (t != ValueType::String && t != ValueType::StringList) {
                throw CompileError{static_cast<std::size_t>(node(args[0]).column - 1),
                                   "matches() takes a string or a list of strings first"};
            }
            if (node(args[1]).op != NodeOp::StringLiteral) {
                throw CompileError{static_cast<std::size_t>(node(args[1]).column - 1),
                                   "matches() takes a glob pattern in quotes second"};
            }
            n.children = {args[0]};
            n.stringValue = node(args[1]).stringValue;
        } else if (info->op == NodeOp::MountsUnder) {
            n.pathList = pathListArgument(node(args[0]), node(args[1]));
            n.children = {args[0]};
            n.stringValue = node(args[1]).stringValue;
        } else if (info->op == NodeOp::Known) {
            // Only a property can be unset; known() of anything else would always be true.
            if (node(args[0]).op != NodeOp::Property) {
                throw CompileError{static_cast<std::size_t>(node(args[0]).column - 1),
                                   "known() takes a property"};
            }
            n.children = {args[0]};
        }
        return add(std::move(n), nameToken.offset);
    }

    /** mountsUnder(PATHS, "LIST"): paths as a string or list, a path list of the catalog. */
    const PathList *pathListArgument(const ExpressionNode &paths, const ExpressionNode &list) const
    {
        if (paths.type != ValueType::String && paths.type != ValueType::StringList)
            throw CompileError{static_cast<std::size_t>(paths.column - 1),
                               "mountsUnder() takes a path or a list of paths first"};
        const PathList *found = list.op == NodeOp::StringLiteral && m_context.catalog
                                    ? m_context.catalog->findPathList(list.stringValue)
                                    : nullptr;
        if (!found)
            throw CompileError{static_cast<std::size_t>(list.column - 1),
                               "mountsUnder() takes the id of one of the catalog's path lists in "
                               "quotes second"};
        return found;
    }

    int makeBuiltin(NodeOp op, Holder holder, const Token &t)
    {
        ExpressionNode n;
        n.op = op;
        n.type = ValueType::String;
        n.stringValue = t.text;
        n.property.holder = holder;
        return add(std::move(n), t.offset);
    }

    /** A property read from one of `kinds` (empty: any kind, common properties only). */
    int makeProperty(const Token &t, Holder holder, const std::string &propertyName,
                     const std::vector<const ElementKind *> &kinds, const ElementKind *boundaryKind,
                     const std::string &holderDescription)
    {
        ExpressionNode n;
        n.op = NodeOp::Property;
        n.stringValue = t.text;
        n.property.holder = holder;
        n.property.boundaryKind = boundaryKind;
        n.property.name = propertyName;
        std::optional<ValueType> type;
        std::optional<bool> tri;
        auto addSpec = [&](const ElementKind *kind, const PropertySpec *spec) {
            const ValueType specType = typeOfProperty(spec->type);
            const bool specTri = spec->type == PropertyType::Tri;
            if ((type && *type != specType) || (tri && *tri != specTri)) {
                throw CompileError{t.offset, "property " + displayQuoted(propertyName)
                                                 + " has different types in the kinds "
                                                 + holderDescription};
            }
            type = specType;
            tri = specTri;
            n.property.specs.emplace_back(kind, spec);
        };
        if (kinds.empty()) {
            // Any element kind: only the common element properties are known.
            const auto &common = m_catalog.commonElementProperties();
            const auto it = std::find_if(common.begin(), common.end(), [&](const PropertySpec &s) {
                return s.name == propertyName;
            });
            if (it == common.end()) {
                throw CompileError{t.offset, "unknown property " + displayQuoted(propertyName)
                                                 + " for " + holderDescription
                                                 + " (list the kinds in appliesTo to use their "
                                                   "properties)"};
            }
            addSpec(nullptr, &*it);
        } else {
            for (const ElementKind *kind : kinds) {
                const PropertySpec *spec = m_catalog.findProperty(*kind, propertyName);
                if (!spec) {
                    throw CompileError{t.offset, "unknown property " + displayQuoted(propertyName)
                                                     + " for kind " + kind->id};
                }
                addSpec(kind, spec);
            }
        }
        n.type = *type;
        n.property.tri = *tri;
        return add(std::move(n), t.offset);
    }

    int resolveReference(const Token &t)
    {
        const std::string &name = t.text;
        const auto dot = name.find('.');
        const std::string prefix = dot == std::string::npos ? std::string() : name.substr(0, dot);
        const std::string rest = dot == std::string::npos ? std::string() : name.substr(dot + 1);

        switch (m_context.scope) {
        case RuleScope::Model:
            throw CompileError{t.offset, "model rules read the model through model.has(), "
                                         "model.count() and model.any(), not "
                                             + displayQuoted(name)};
        case RuleScope::Flow: {
            if (name == "name")
                return makeBuiltin(NodeOp::NameOf, Holder::Subject, t);
            if (prefix == "source" || prefix == "target") {
                const Holder holder = prefix == "source" ? Holder::Source : Holder::Target;
                if (rest == "kind")
                    return makeBuiltin(NodeOp::KindOf, holder, t);
                if (rest == "name")
                    return makeBuiltin(NodeOp::NameOf, holder, t);
                const auto &kinds = holder == Holder::Source ? m_context.sourceKinds
                                                             : m_context.targetKinds;
                return makeProperty(t, holder, rest, kinds, nullptr,
                                    kinds.empty() ? "any " + prefix
                                                  : prefix + " kinds " + describeKinds(kinds));
            }
            const PropertySpec *spec = m_catalog.findFlowProperty(name);
            if (!spec)
                throw CompileError{t.offset, "unknown flow property " + displayQuoted(name)};
            ExpressionNode n;
            n.op = NodeOp::Property;
            n.type = typeOfProperty(spec->type);
            n.stringValue = name;
            n.property.holder = Holder::Subject;
            n.property.name = name;
            n.property.tri = spec->type == PropertyType::Tri;
            n.property.specs.emplace_back(nullptr, spec);
            return add(std::move(n), t.offset);
        }
        case RuleScope::Element:
            break;
        }
        if (name == "kind")
            return makeBuiltin(NodeOp::KindOf, Holder::Subject, t);
        if (name == "name")
            return makeBuiltin(NodeOp::NameOf, Holder::Subject, t);
        // Own properties win over a boundary prefix, so "image.signed" reads the image group.
        const auto &kinds = m_context.subjectKinds;
        const bool own = std::all_of(kinds.begin(), kinds.end(), [&](const ElementKind *k) {
            return m_catalog.findProperty(*k, name) != nullptr;
        });
        if (own || prefix.empty())
            return makeProperty(t, Holder::Subject, name, kinds, nullptr,
                                "kinds " + describeKinds(kinds));
        const ElementKind *boundary = m_catalog.findKind(prefix);
        if (boundary && boundary->isBoundary()) {
            return makeProperty(t, Holder::EnclosingBoundary, rest, {boundary}, boundary,
                                "boundary kind " + boundary->id);
        }
        return makeProperty(t, Holder::Subject, name, kinds, nullptr,
                            "kinds " + describeKinds(kinds));
    }

    std::string_view m_text;
    /** A copy, because model.any() compiles its condition in the scope of another kind. */
    CompileContext m_context;
    const Catalog &m_catalog;
    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
    int m_depth = 0;
    CompiledExpression m_result;
};

std::string positionOf(std::string_view text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

} // namespace

Result<CompiledExpression> compileExpression(std::string_view text, const CompileContext &context)
{
    try {
        return Compiler(text, context).run();
    } catch (const CompileError &error) {
        return Result<CompiledExpression>::failure(positionOf(text, error.offset) + ": "
                                                   + error.message);
    }
}

} // namespace bulkhead
