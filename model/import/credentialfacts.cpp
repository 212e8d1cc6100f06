#include "credentialfacts.h"

#include "importsupport.h"
#include "secretkeys.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace bulkhead {

namespace {

/**
 * Passwords that scanners try first: vendor defaults, placeholders left from a template, and
 * the example values of the images' own documentation (postgres "mysecretpassword", mysql
 * "my-secret-pw", the "example" of Docker's sample Compose files). Compared in lower case.
 */
const std::set<std::string, std::less<>> &wellKnownPasswords()
{
    static const std::set<std::string, std::less<>> passwords = [] {
        std::set<std::string, std::less<>> words;
        std::istringstream list(
            "password passw0rd password1 password123 pass changeme change_me change-me changeit "
            "admin admin123 administrator root toor secret example test guest default letmein "
            "qwerty 1234 12345 123456 12345678 123456789 postgres mysql mariadb redis mongo "
            "mongodb rabbitmq minioadmin prom-operator bitnami mysecretpassword my-secret-pw "
            "secretpassword yourpassword your_password");
        for (std::string word; list >> word;)
            words.insert(word);
        return words;
    }();
    return passwords;
}

/** The words that make a secret-named variable a password of an account (not a token or key). */
constexpr std::array passwordMarkers{"password", "passwd", "passphrase", "pwd", "pass"};

/** Where the password word starts in a lower-case name, or npos. The short words count only
 *  at the start of a word: "db_pass", not "bypass". */
std::size_t passwordMarker(const std::string &name)
{
    for (const std::string_view marker : passwordMarkers) {
        const auto at = name.rfind(marker);
        if (at == std::string::npos)
            continue;
        if (marker.size() > 4 || at == 0 || name[at - 1] == '_')
            return at;
    }
    return std::string::npos;
}

/** An account as the variables name it: its user name when known, and whether it is the
 *  service's administrator (root, admin, superuser). */
struct Account
{
    std::optional<std::string> user;
    bool administrator = false;
};

/** A credential found among the variables: the variable, the password and its account. */
struct Credential
{
    std::size_t variable;
    std::optional<std::string> password;
    Account account;
    bool inUrl = false;
    bool isPassword = false;
};

/** user:password from a URL's authority ("postgres://app:pw@db/x"), or nothing. */
std::optional<std::pair<std::string, std::string>> urlUserAndPassword(std::string_view value)
{
    const auto scheme = value.find("://");
    if (scheme == std::string_view::npos || scheme == 0)
        return std::nullopt;
    for (const char c : value.substr(0, scheme))
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return std::nullopt;
    std::string_view authority = value.substr(scheme + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos)
        return std::nullopt;
    const std::string_view userInfo = authority.substr(0, at);
    const auto colon = userInfo.find(':');
    if (colon == std::string_view::npos)
        return std::nullopt;
    return std::pair{std::string(userInfo.substr(0, colon)),
                     std::string(userInfo.substr(colon + 1))};
}

class Assessment
{
public:
    explicit Assessment(const std::vector<EnvironmentVariable> &variables)
        : m_variables(variables)
    {
        for (std::size_t i = 0; i < variables.size(); ++i)
            m_byName.emplace(lower(variables[i].name), i); // the first of a name wins
    }

    CredentialFacts run()
    {
        collect();
        if (m_credentials.empty())
            return std::move(m_facts);
        checkWeak();
        checkEmpty();
        checkShared();
        return std::move(m_facts);
    }

private:
    const EnvironmentVariable *variable(const std::string &lowerName) const
    {
        const auto it = m_byName.find(lowerName);
        return it == m_byName.end() ? nullptr : &m_variables[it->second];
    }

    /** The account a password variable belongs to: PREFIX_USER (…_USERNAME, …_USER_NAME,
     *  …_LOGIN) beside PREFIX_PASSWORD, else "root" or "admin" when the name says so. */
    Account accountOf(const std::string &lowerName) const
    {
        Account account;
        const std::size_t marker = passwordMarker(lowerName);
        if (marker == std::string::npos)
            return account;
        const std::string prefix = lowerName.substr(0, marker);
        for (const char *word : {"root", "admin", "superuser"}) {
            const std::string w(word);
            if (prefix == w + "_" || prefix.ends_with("_" + w + "_") || prefix.starts_with(w + "_")
                || prefix == w) {
                account.administrator = true;
                account.user = w;
            }
        }
        for (const char *suffix : {"user", "username", "user_name", "login"})
            if (const EnvironmentVariable *user = variable(prefix + suffix);
                user && user->value && !user->value->empty()) {
                account.user = *user->value;
                break;
            }
        return account;
    }

    void collect()
    {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < m_variables.size(); ++i) {
            const EnvironmentVariable &v = m_variables[i];
            const std::string name = lower(v.name);
            if (!seen.insert(name).second)
                continue;
            if (looksSecret(v.name)) {
                const bool isPassword = passwordMarker(name) != std::string::npos;
                m_credentials.push_back({i, v.value, accountOf(name), false, isPassword});
                if (v.value && !v.value->empty() && v.writtenInFiles)
                    m_facts.literals.push_back({i, false});
            } else if (v.value) {
                if (const auto url = urlUserAndPassword(*v.value)) {
                    Account account;
                    if (!url->first.empty())
                        account.user = url->first;
                    m_credentials.push_back({i, url->second, account, true, true});
                    if (!url->second.empty() && v.writtenInFiles)
                        m_facts.literals.push_back({i, true});
                }
            }
        }
    }

    std::string described(const Credential &c) const
    {
        const std::string &name = m_variables[c.variable].name;
        return c.inUrl ? "the password in the URL of " + name : name;
    }

    void checkWeak()
    {
        bool allKnown = true;
        bool weak = false;
        for (const Credential &c : m_credentials) {
            if (!c.password) {
                allKnown = false;
                m_facts.allValuesKnown = false;
                continue;
            }
            // Application keys are judged as keys (secretkeys.h), not as account passwords.
            if (c.password->empty() || judgedAsApplicationKey(m_variables, c.variable))
                continue;
            const std::size_t fingerprint = std::hash<std::string>{}(*c.password);
            m_facts.passwordFingerprints.push_back(fingerprint);
            const std::string password = lower(*c.password);
            const bool isWeak = wellKnownPasswords().count(password)
                                || (c.account.user && lower(*c.account.user) == password);
            if (isWeak)
                m_facts.weakCredentials.push_back({c.variable, fingerprint});
            if (wellKnownPasswords().count(password)) {
                weak = true;
                m_facts.findings.push_back(
                    {c.variable, described(c)
                                     + " is a well-known default password "
                                       "(value not shown): weakCredentials yes"});
            } else if (c.account.user && lower(*c.account.user) == password) {
                weak = true;
                m_facts.findings.push_back(
                    {c.variable, described(c)
                                     + " equals its account's user name "
                                       "(value not shown): weakCredentials yes"});
            }
        }
        if (weak || allKnown)
            m_facts.weak = weak;
    }

    void checkEmpty()
    {
        bool allKnown = true;
        bool any = false;
        bool empty = false;
        for (const Credential &c : m_credentials) {
            if (!c.isPassword)
                continue;
            any = true;
            if (!c.password) {
                allKnown = false;
            } else if (c.password->empty()) {
                empty = true;
                m_facts.findings.push_back(
                    {c.variable, described(c)
                                     + " is empty (no value, or an unset ${VAR}), so the account "
                                       "may have no password: emptyPassword yes"});
            }
        }
        if (empty || (any && allKnown))
            m_facts.emptyPassword = empty;
    }

    /** Whether two accounts are known to be different ones. */
    static bool different(const Account &a, const Account &b)
    {
        return a.user && b.user && lower(*a.user) != lower(*b.user);
    }

    void checkShared()
    {
        bool allKnown = true;
        bool shared = false;
        for (std::size_t i = 0; i < m_credentials.size(); ++i) {
            const Credential &a = m_credentials[i];
            if (!a.password) {
                allKnown = false;
                continue;
            }
            for (std::size_t j = i + 1; j < m_credentials.size(); ++j) {
                const Credential &b = m_credentials[j];
                if (!b.password || a.password->empty() || *a.password != *b.password
                    || !different(a.account, b.account))
                    continue;
                shared = true;
                const bool adminShared = a.account.administrator != b.account.administrator;
                m_facts.findings.push_back(
                    {b.variable, described(b) + " and " + described(a)
                                     + " set the same password for two different accounts"
                                     + (adminShared ? " (one of them the administrator)" : "")
                                     + " (value not shown): sharedCredentials yes"});
            }
        }
        if (shared || allKnown)
            m_facts.shared = shared;
    }

    const std::vector<EnvironmentVariable> &m_variables;
    std::map<std::string, std::size_t> m_byName;
    std::vector<Credential> m_credentials;
    CredentialFacts m_facts;
};

} // namespace

void CredentialFacts::applyTo(PropertyMap &properties) const
{
    if (weak)
        properties["weakCredentials"] = tri(*weak);
    if (emptyPassword)
        properties["emptyPassword"] = tri(*emptyPassword);
    if (shared)
        properties["sharedCredentials"] = tri(*shared);
    if (weakSecretKey)
        properties["weakSecretKey"] = tri(*weakSecretKey);
}

CredentialFacts assessCredentials(const std::vector<EnvironmentVariable> &variables)
{
    CredentialFacts facts = Assessment(variables).run();
    assessSecretKeys(variables, facts);
    return facts;
}

bool isWellKnownPassword(std::string_view lowerValue)
{
    return wellKnownPasswords().count(lowerValue) != 0;
}

std::optional<std::string> decodeBase64(std::string_view text)
{
    auto sextet = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    std::string decoded;
    unsigned bits = 0;
    int pending = 0;
    bool padding = false;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)))
            continue;
        if (c == '=') {
            padding = true;
            continue;
        }
        const int value = sextet(c);
        if (value < 0 || padding)
            return std::nullopt;
        bits = (bits << 6) | unsigned(value);
        pending += 6;
        if (pending >= 8) {
            pending -= 8;
            decoded.push_back(static_cast<char>((bits >> pending) & 0xffu));
        }
    }
    return decoded;
}

} // namespace bulkhead
