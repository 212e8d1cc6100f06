#include "analysiscontroller.h"

#include "document.h"

#include <QTimer>

namespace bulkhead {

AnalysisController::AnalysisController(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    // Long enough to batch the item changes of one command and a burst of typing; short
    // enough that the table follows an edit well within a tenth of a second.
    m_timer->setInterval(40);
    connect(m_timer, &QTimer::timeout, this, &AnalysisController::analyzeNow);
    // Many item changes arrive per command; one analysis follows the burst.
    connect(document, &Document::changed, m_timer, qOverload<>(&QTimer::start));
    connect(document, &Document::modelReset, this, &AnalysisController::analyzeNow);
    // Threats point at register entries and manual threats: after those change, nothing may
    // read the old result, so the analysis follows at once.
    connect(document, &Document::registerChanged, this, &AnalysisController::analyzeNow);
    analyzeNow();
}

AnalysisController::~AnalysisController() = default;

void AnalysisController::setDelay(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

void AnalysisController::ensureCurrent()
{
    if (m_timer->isActive())
        analyzeNow();
}

int AnalysisController::delay() const
{
    return m_timer->interval();
}

void AnalysisController::analyzeNow()
{
    m_timer->stop();
    m_result = analyzeModel(m_document->model(), m_document->catalog());
    m_explainer = std::make_unique<ThreatExplainer>(m_document->model(), m_document->catalog());
    m_bySubject.clear();
    for (int i = 0; i < int(m_result.threats.size()); ++i)
        m_bySubject[QString::fromStdString(m_result.threats[std::size_t(i)].subjectId)].append(i);
    Q_EMIT analysisUpdated();
}

int AnalysisController::openThreatCount(const QString &subjectId) const
{
    int count = 0;
    for (const int i : m_bySubject.value(subjectId))
        count += m_result.threats[std::size_t(i)].isOpen() ? 1 : 0;
    return count;
}

std::optional<Severity> AnalysisController::worstOpenSeverity(const QString &subjectId) const
{
    std::optional<Severity> worst;
    for (const int i : m_bySubject.value(subjectId)) {
        const Threat &t = m_result.threats[std::size_t(i)];
        if (t.isOpen() && (!worst || t.residualSeverity > *worst))
            worst = t.residualSeverity;
    }
    return worst;
}

QList<const Threat *> AnalysisController::threatsOf(const QString &subjectId) const
{
    QList<const Threat *> threats;
    for (const int i : m_bySubject.value(subjectId))
        threats.append(&m_result.threats[std::size_t(i)]);
    return threats;
}

} // namespace bulkhead
