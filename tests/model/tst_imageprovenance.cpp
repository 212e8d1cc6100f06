// What the importers read from an image reference: provenance, look-alike names, edge proxies,
// and that the sensitive host paths they flag are the ones RUN-06 reports: both read the
// catalog's path list sensitive-host-paths.

#include "analysis/modelindex.h"
#include "analysis/ruleevaluator.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "import/editdistance.h"
#include "import/imageprovenance.h"
#include "import/importsupport.h"

#include <QTest>

using namespace bulkhead;

namespace {

std::string text(const PropertyMap &properties, const char *name)
{
    const auto it = properties.find(name);
    return it == properties.end() ? std::string("(unset)") : std::get<std::string>(it->second);
}

PropertyMap imageProperties(const char *image, bool built = false)
{
    PropertyMap properties;
    setImageProperties(properties, image, built, builtInCatalog().images());
    return properties;
}

/** Whether RUN-06 fires (true, not unknown) on a container mounting `path` from the host. */
bool run06Fires(const std::string &path)
{
    ThreatModel model;
    model.addElement({"c", "container", "C", "", {{"hostPathMounts", StringList{path}}}, {}});
    const ModelIndex index(model, builtInCatalog());
    const ThreatRule *rule = builtInCatalog().findThreat("RUN-06");
    RuleSubject subject;
    subject.element = 0;
    return RuleEvaluator(model, index).evaluate(rule->compiledWhen, subject) == Truth::True;
}

} // namespace

class TestImageProvenance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceFollowsThePublisher_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("source");
        // Whether a publisher is named: the image table's or the table of publisher organisations.
        QTest::addColumn<bool>("verified");
        QTest::newRow("official") << QStringLiteral("nginx:1.27") << QStringLiteral("officialPublic") << true;
        QTest::newRow("official, spelled out") << QStringLiteral("docker.io/library/redis:7.2@sha256:c5a6")
                                               << QStringLiteral("officialPublic") << true;
        QTest::newRow("Docker Hub namespace") << QStringLiteral("acme/webshop:10.4.2") << QStringLiteral("publicUnverified") << false;
        QTest::newRow("Docker Hub namespace, spelled out") << QStringLiteral("docker.io/acme/webshop:10.4.2")
                                                           << QStringLiteral("publicUnverified") << false;
        QTest::newRow("verified publisher (image table)") << QStringLiteral("grafana/grafana:10.4.2")
                                                          << QStringLiteral("officialPublic") << true;
        QTest::newRow("verified publisher, spelled out") << QStringLiteral("docker.io/bitnami/redis:7.2")
                                                         << QStringLiteral("officialPublic") << true;
        QTest::newRow("well-known name in another namespace") << QStringLiteral("someone/grafana:10")
                                                              << QStringLiteral("publicUnverified") << false;
        QTest::newRow("vendor's own registry") << QStringLiteral("registry.k8s.io/metrics-server/metrics-server:v0.7.1")
                                               << QStringLiteral("officialPublic") << false;
        QTest::newRow("Elastic's registry") << QStringLiteral("docker.elastic.co/beats/filebeat:8.14.0")
                                            << QStringLiteral("officialPublic") << false;
        QTest::newRow("Microsoft's registry") << QStringLiteral("mcr.microsoft.com/dotnet/aspnet:8.0")
                                              << QStringLiteral("officialPublic") << false;
        // Publisher organisations: the project's own namespace, whatever the image in it.
        QTest::newRow("project's organisation on Docker Hub") << QStringLiteral("apache/airflow:2.9.3")
                                                              << QStringLiteral("officialPublic") << true;
        QTest::newRow("another image of that organisation") << QStringLiteral("n8nio/runners:1.80.0")
                                                            << QStringLiteral("officialPublic") << true;
        QTest::newRow("project's organisation on quay.io") << QStringLiteral("quay.io/argoproj/argocd:v2.13.2")
                                                           << QStringLiteral("officialPublic") << true;
        QTest::newRow("project's organisation on ghcr.io") << QStringLiteral("ghcr.io/fluxcd/source-controller:v1.4.1")
                                                           << QStringLiteral("officialPublic") << true;
        QTest::newRow("organisation name under another registry") << QStringLiteral("registry.example.com/apache/airflow:2.9.3")
                                                                  << QStringLiteral("unknown") << false;
        // Another namespace on a multi-tenant registry other than Docker Hub is often the deployer's
        // own organisation (built by its pipeline): whose it is stays open.
        QTest::newRow("another namespace on quay.io") << QStringLiteral("quay.io/someone/argocd:v2") << QStringLiteral("unknown") << false;
        QTest::newRow("an organisation on ghcr.io") << QStringLiteral("ghcr.io/acme-fin/invoicing-api:2.14.1") << QStringLiteral("unknown") << false;
        QTest::newRow("a project on gcr.io") << QStringLiteral("gcr.io/some-project/api:1") << QStringLiteral("unknown") << false;
        // Docker's official images as Amazon and Google mirror them.
        QTest::newRow("official image on the ECR mirror") << QStringLiteral("public.ecr.aws/docker/library/redis:7.0.15-alpine")
                                                          << QStringLiteral("officialPublic") << true;
        QTest::newRow("official image on Google's mirror") << QStringLiteral("mirror.gcr.io/nginx:1.27")
                                                           << QStringLiteral("officialPublic") << true;
        QTest::newRow("someone's image on public ECR") << QStringLiteral("public.ecr.aws/someone/api:1")
                                                       << QStringLiteral("unknown") << false;
        QTest::newRow("private registry") << QStringLiteral("registry.example.com:5000/shop/api:1.4") << QStringLiteral("unknown") << false;
    }

    void sourceFollowsThePublisher()
    {
        QFETCH(QString, image);
        QFETCH(QString, source);
        QFETCH(bool, verified);
        const PropertyMap p = imageProperties(image.toUtf8().constData());
        QCOMPARE(QString::fromStdString(text(p, "image.source")), source);
        QCOMPARE(text(p, "image.publisherVerified"), std::string(verified ? "yes" : "(unset)"));
        QCOMPARE(text(imageProperties(image.toUtf8().constData(), true), "image.source"), std::string("internalBuilt"));
        QCOMPARE(text(imageProperties(image.toUtf8().constData(), true), "image.publisherVerified"), std::string("(unset)"));
    }

    void mirrorsOfOfficialImagesParseAsDockerHub()
    {
        const ImageName ecr = parseImageName("public.ecr.aws/docker/library/redis:7.0.15-alpine");
        QCOMPARE(ecr.registry, std::string());
        QCOMPARE(ecr.path, std::string("library/redis"));
        QCOMPARE(ecr.repository, std::string("redis"));
        const ImageName other = parseImageName("public.ecr.aws/docker/other/redis:7");
        QCOMPARE(other.registry, std::string("public.ecr.aws"));
        QCOMPARE(other.path, std::string("docker/other/redis"));
    }

    void lookAlikeNamesAreTyposquattingSigns_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<bool>("lookAlike");
        QTest::newRow("official image") << QStringLiteral("nginx:latest") << false;
        QTest::newRow("official image via docker.io") << QStringLiteral("docker.io/library/postgres:16") << false;
        QTest::newRow("project's own account") << QStringLiteral("louislam/uptime-kuma:1.23.13") << false;
        QTest::newRow("vendor repackaging an official name") << QStringLiteral("bitnami/redis:7.2") << false;
        QTest::newRow("publisher's own variant") << QStringLiteral("nginxinc/nginx-unprivileged:1.27") << false;
        QTest::newRow("vendor registry") << QStringLiteral("lscr.io/linuxserver/wireguard:latest") << false;
        QTest::newRow("private registry")
            << QStringLiteral("registry.ledger.example.com/ledger/api@sha256:1a3c") << false;
        QTest::newRow("short name") << QStringLiteral("acme/api:1") << false;
        QTest::newRow("letters swapped") << QStringLiteral("someone/ngnix:latest") << true;
        QTest::newRow("letter added") << QStringLiteral("someone/postgress:16") << true;
        QTest::newRow("namespace posing as the library") << QStringLiteral("libary/redis:7") << true;
        QTest::newRow("registry host one letter off") << QStringLiteral("dockerr.io/library/nginx:1") << true;
        QTest::newRow("look-alike on a public registry") << QStringLiteral("ghcr.io/someone/reddis:7") << true;
    }

    void lookAlikeNamesAreTyposquattingSigns()
    {
        QFETCH(QString, image);
        QFETCH(bool, lookAlike);
        const PropertyMap p = imageProperties(image.toUtf8().constData());
        QCOMPARE(text(p, "image.lookAlikeName"), std::string(lookAlike ? "yes" : "no"));
        // An image the team builds is never a look-alike of someone else's.
        QCOMPARE(text(imageProperties(image.toUtf8().constData(), true), "image.lookAlikeName"),
                 std::string("no"));
    }

    void edgeProxiesAreEntryPoints()
    {
        for (const char *proxy :
             {"traefik:v3.1.2", "nginx:1.27", "haproxy:2.9", "nginxinc/nginx-unprivileged:1.27",
              "registry.k8s.io/ingress-nginx/controller:v1.9.4@sha256:5b16"}) {
            const PropertyMap p = imageProperties(proxy);
            QVERIFY2(p.count("entryPoint") && std::get<bool>(p.at("entryPoint")), proxy);
        }
        for (const char *other : {"traefik/whoami:v1.10.3", "redis:7", "ghcr.io/acme/web:3"})
            QVERIFY2(!imageProperties(other).count("entryPoint"), other);
    }

    void lookAlikeDistanceCountsSwapsAsOne()
    {
        const auto typos = [](std::string_view a, std::string_view b) {
            return editDistance(a, b, NeighbourSwap::OneEdit);
        };
        QCOMPARE(typos("nginx", "ngnix"), std::size_t(1));
        QCOMPARE(typos("redis", "reddis"), std::size_t(1));
        QCOMPARE(typos("drone", "node"), std::size_t(3));
        QCOMPARE(typos("", "abc"), std::size_t(3));
        // Key suggestions count a swap as two edits, as the plain Levenshtein distance does.
        QCOMPARE(editDistance("nginx", "ngnix"), std::size_t(2));
    }

    void mountReasonsComeFromTheCatalogList()
    {
        const auto reason = [](const char *path) { return sensitiveHostPath(path).value_or("(not sensitive)"); };
        QCOMPARE(reason("/lib/modules/6.1.0"), std::string("kernel modules"));
        QCOMPARE(reason("/usr/src"), std::string("kernel sources and headers"));
        QCOMPARE(reason("/etc/ssh/"), std::string("host configuration (users, sudoers, SSH, cron)"));
        QCOMPARE(reason("/"), std::string("the host's whole filesystem"));
        QCOMPARE(reason("/etc/pihole"), std::string("(not sensitive)"));
        QCOMPARE(reason("/etc/dnsmasq.d"), std::string("(not sensitive)"));
        QCOMPARE(reason("/usr"), std::string("a parent of /usr/lib/modules — kernel modules"));
        QVERIFY(reason("/var/run/docker.sock").starts_with("the container runtime's socket"));
        // Each reason the importer gives is the catalog's text for that path.
        const PathList *list = builtInCatalog().findPathList("sensitive-host-paths");
        QVERIFY(list);
        for (const PathListEntry &entry : list->entries)
            QCOMPARE(sensitiveHostPath(entry.path), std::optional<std::string>(entry.reason));
    }

    // The importer's flags and RUN-06 name the same host paths (runtime sockets are RUN-07's).
    void sensitivePathsAgreeWithRun06_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *path :
             {"/", "/etc", "/usr", "/var", "/var/lib", "/var/log", "/var/run", "/run",
              "/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/sudoers",
              "/etc/sudoers.d", "/etc/ssh", "/etc/ssh/sshd_config", "/etc/crontab", "/etc/cron.d",
              "/etc/cron.daily", "/etc/cron.hourly", "/etc/cron.weekly", "/etc/cron.monthly",
              "/etc/pam.d", "/etc/ld.so.preload", "/etc/systemd/system",
              "/etc/kubernetes/manifests", "/etc/docker", "/etc/containerd", "/proc", "/proc/sys",
              "/sys", "/sys/fs/cgroup", "/dev", "/dev/shm", "/boot", "/root", "/root/.ssh", "/lib",
              "/lib/modules", "/lib64", "/bin", "/sbin", "/usr/lib", "/usr/lib/modules",
              "/usr/lib64", "/usr/bin", "/usr/sbin", "/usr/libexec", "/usr/local/bin", "/usr/src",
              "/var/lib/docker/containers", "/var/lib/containerd", "/var/lib/kubelet/pods", "/var/log/nginx",
              // not sensitive
              "/etc/pihole", "/etc/dnsmasq.d", "/etc/letsencrypt", "/etc/localtime",
              "/usr/share/zoneinfo", "/var/lib/app", "/srv/data", "/opt/app",
              "/home/deploy/site"})
            QTest::newRow(path) << QString::fromUtf8(path);
    }

    void sensitivePathsAgreeWithRun06()
    {
        QFETCH(QString, path);
        const std::string p = path.toStdString();
        const bool flagged = sensitiveHostPath(p).has_value();
        QCOMPARE(run06Fires(p), flagged);
        QCOMPARE(run06Fires(p + ":ro"), flagged);
    }
};

QTEST_GUILESS_MAIN(TestImageProvenance)
#include "tst_imageprovenance.moc"
