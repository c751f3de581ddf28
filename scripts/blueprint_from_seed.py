#!/usr/bin/env python3
"""Turn the role blueprint seed text into src-tauri/core/data/role-blueprint.json, and check it.

Usage (from the repo root):

    python3 scripts/blueprint_from_seed.py [SEED]

SEED defaults to ../shared/seed/role-blueprint.txt (relative to the repo root). The JSON is
written to src-tauri/core/data/role-blueprint.json and then re-read and checked:

1. it is rendered back to "seed lines" and compared, line by line and in order, with the seed's
   non-empty content lines (after stripping bullets / list numbers / surrounding whitespace);
2. the structural counts and keys other areas of the app rely on are asserted, and no web-page
   noise (adverts, comments, course plugs) is present;
3. a short per-section summary is printed.

The seed is plain text: table columns are separated only by single spaces, and nested bullets
often have the same indentation as their parents. What cannot be read off the text (where table
cells split, which bullets nest under which, which lists are "Title: text" lists) is curated
below; the self-check proves the curation neither lost nor altered any text.

Python 3.11, standard library only. Exits non-zero if parsing or the self-check fails.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO / ".." / "shared" / "seed" / "role-blueprint.txt"
OUT = REPO / "src-tauri" / "core" / "data" / "role-blueprint.json"

# Content runs from the document title line up to (not including) the footer noise.
DOC_TITLE_PREFIX = "Infrastructure Engineering Manager: Role Blueprint,"
NOISE_START = "Find Trusted Cardiac Hospitals"

SECTION_RE = re.compile(r"^(\d{1,2})\) (\S.*)$")
NUMBERED_RE = re.compile(r"^(\d+)\.\s+(.*)$")

# ---------------------------------------------------------------------------------------------
# Curated knowledge
# ---------------------------------------------------------------------------------------------

# Run-on lines "Heading<sep>item – item – item": heading title -> separator after the title.
RUNON = {
    "Primary business outcomes expected": ":",  # section 2 (no space after the colon in the seed)
    "Strategy and planning deliverables": " – ",  # section 5 ...
    "Architecture and engineering deliverables": " – ",
    "Operational excellence deliverables": " – ",
    "Governance and compliance deliverables (context-dependent)": " – ",
    "People and team deliverables": " – ",
}
RUNON_ITEM_SEP = " – "

# Bullets that end with ":" and own the next N bullets of the same indentation (decided by
# meaning). Every top-level bullet ending in ":" must be listed here (checked).
NEST = {
    # 4) Weekly activities
    "Lead or attend infrastructure team planning (sprint planning/kanban replenishment), "
    "ensuring balanced allocation across:": 4,
    "Partner syncs with:": 3,
    # 4) Monthly or quarterly activities. Everything after "Quarterly:" up to the next heading
    # (incl. talent review/calibration and cross-team architecture review) is read as quarterly:
    # the heading allows only monthly or quarterly cadences and "Quarterly:" is the open group.
    "Monthly:": 3,
    "Quarterly:": 5,
    # 4) Incident, escalation, or emergency work
    "Lead incident command for P0/P1 incidents:": 3,
    # 6) Goals
    "Deliver quick wins:": 3,
    "Mature infrastructure-as-code practices:": 3,
    "Implement resilience improvements:": 2,
    "Strengthen on-call sustainability:": 2,
    "Improve developer experience:": 2,
    "Build a high-performing team:": 3,
    "Deliver major infrastructure modernization initiatives (examples):": 3,
    # 11) Typical tech stack
    "Internal platform components:": 4,
    "Runtime mix typically includes:": 4,
    "Typical scale ranges from:": 3,
    "Complexity drivers:": 4,
    "Infrastructure Engineering Manager typically leads:": 2,
    "Interfaces with:": 4,
    # 13) Budget authority
    "Provides recommendations and business cases for:": 3,
    # 14) Certifications
    "Common/valued (optional):": 4,
    "Security/compliance adjacent (optional/context-specific):": 3,
    # 17) Role variants
    "Startup/small (≤200 employees):": 3,
    "Mid-size (200–2,000 employees):": 2,
    "Large enterprise (2,000+ employees):": 3,
    "Global/distributed teams require:": 3,
    # 18) AI impact
    "Infrastructure Engineering Managers will be expected to:": 4,
}

# Lists whose entries are all "Short name: text" (title/body split on the first ": ").
# (section number, heading title or None for section level); "*" = every heading in the section.
LABELLED = {
    (1, None),
    (3, "*"),
    (11, "Delivery model"),
    (12, "Internal stakeholders"),
    (12, "Peer roles"),
    (12, "Nature of collaboration"),
    (12, "Escalation points"),
    (15, "How this role evolves over time"),
    (16, "Common role challenges"),
    (16, "Anti-patterns"),
    (17, "By industry"),
    (17, "Product-led vs service-led company"),
    (17, "Startup vs enterprise"),
    (17, "Regulated vs non-regulated environment"),
    (18, "Tasks that can be automated (increasingly)"),
    (18, "Tasks that remain human-critical"),
}

# Lists whose numbered entries are a bare name plus labelled field lines.
NAMED_WITH_FIELDS = {8, 9}
FIELD_LABELS = {
    8: ["Description", "Use", "Importance"],
    9: ["Why it matters", "How it shows up", "Strong performance"],
}

# Section 19 "What to assess in interviews": "Title – text".
DASHED = {(19, "What to assess in interviews")}

# Section 19 practical exercises: these bullets start an exercise; the bullet after each is its
# prompt (body); deeper bullets are its children.
CASE_HEADING = (19, "Practical exercises or case studies (recommended)")
CASE_TITLES = [
    "Case study: reliability and scaling plan (60–90 minutes)",
    "Case study: cost optimization without breaking reliability",
    "Leadership scenario: incident commander simulation",
    "Technical review exercise (lightweight)",
]

# Keys: headings (by section + title), lists (by section + heading title of their container),
# tables (by header line).
HEADING_KEYS = {
    (6, "30-day goals (orient, assess, stabilize)"): "goals-30-day",
    (6, "60-day goals (plan, align, execute initial improvements)"): "goals-60-day",
    (6, "90-day goals (deliver measurable outcomes)"): "goals-90-day",
    (6, "6-month milestones (scale the platform and the team)"): "goals-6-month",
    (6, "12-month objectives (institutionalize operational excellence)"): "goals-12-month",
    (6, "Long-term impact goals (2+ years)"): "goals-long-term",
    (8, "Must-have technical skills"): "skills-must-have",
    (8, "Good-to-have technical skills"): "skills-good-to-have",
    (8, "Advanced or expert-level technical skills"): "skills-advanced",
    (8, "Emerging future skills for this role (next 2–5 years)"): "skills-emerging",
}
LIST_KEYS = {
    (9, None): "soft-skills",
    (19, "What to assess in interviews"): "assessment-areas",
    (19, "Practical exercises or case studies (recommended)"): "case-studies",
    (19, "Strong candidate signals"): "signals-strong",
    (19, "Weak candidate signals"): "signals-weak",
    (19, "Red flags"): "signals-red-flags",
}

# Tables: header line -> (key, header cells, rows). Cells are separated by "|" here; joined with
# single spaces they must equal the seed line (the self-check proves it).
TABLES = {
    "Metric name What it measures Why it matters Example target/benchmark Frequency": (
        "kpi-table",
        "Metric name|What it measures|Why it matters|Example target/benchmark|Frequency",
        """
SLO attainment (per tier-1 service)|% of time services meet latency/availability objectives|Direct proxy for customer experience and reliability|≥ 99.9% availability for tier-1 (context-specific)|Weekly/monthly
Error budget burn rate|Rate of consuming allowed unreliability|Forces trade-offs between feature velocity and stability|Burn rate < 1.0 over the window|Weekly
Customer-impacting incidents (P0/P1 count)|Number of severe incidents affecting customers|Measures stability and operational effectiveness|Downward trend QoQ; target depends on maturity|Monthly/quarterly
MTTR (mean time to restore)|Time from incident start to mitigation|Reflects incident response effectiveness|Improve by 20–40% YoY (or target e.g., < 45 min for P0)|Monthly
MTTD (mean time to detect)|Time to detect incidents|Measures observability effectiveness|Reduce by 20–30%|Monthly
Change failure rate (infra)|% of infra changes causing incidents/rollback|Core DevOps health metric|< 10–15% (mature orgs often < 5–10%)|Monthly
Deployment frequency (infra/platform)|How often infra improvements ship|Indicates delivery throughput and automation|Weekly or daily for low-risk changes (context-specific)|Weekly/monthly
Lead time for infra changes|Time from commit to production|Measures pipeline efficiency and risk|< 1 day for standard changes (context-specific)|Monthly
On-call pages per shift|Paging volume and noise|Sustainability and team health|Trend downward; set threshold (e.g., < 20 actionable pages/week)|Weekly/monthly
Alert quality ratio|% of alerts that are actionable|Reduces fatigue and speeds response|> 70–80% actionable alerts|Monthly
Toil ratio|% time spent on manual repeatable ops|Indicates maturity and capacity for roadmap|< 30–40% toil (target improves over time)|Quarterly
Infrastructure cost vs baseline|Total infra spend over time|Budget control and profitability|Spend growth below usage growth; or reduce waste by X%|Monthly
Unit cost metric|Cost per customer / per request / per transaction|Links cost to business scale|Improve by 10–20% YoY (context-specific)|Monthly/quarterly
Reserved capacity coverage (cloud)|% compute covered by commitments|Cost optimization lever|60–80% coverage where predictable (context-specific)|Monthly
Capacity forecast accuracy|Accuracy of demand forecasts|Prevents performance issues and wasted spend|±10–20% forecast accuracy (context-specific)|Quarterly
DR readiness score|Evidence of recovery capability|Reduces existential risk|Annual DR exercise passes; RTO/RPO achieved|Quarterly/annually
Backup success rate|Successful backups and verified restores|Data protection|> 99% backup job success; periodic restore tests|Weekly/monthly
Security patch/vuln remediation SLA|Time to remediate critical issues|Reduces breach risk|Critical vulns remediated within 7–14 days (context-specific)|Weekly/monthly
Access review completion|% completion of periodic access reviews|Audit readiness and least privilege|100% completion by due date|Quarterly
Platform adoption (paved road usage)|% services using standard patterns|Reduces variability and incidents|Increasing trend; target set per quarter|Quarterly
Stakeholder satisfaction|Feedback from engineering/product/security|Measures enablement and partnership|≥ 4.2/5 (or NPS-like score)|Quarterly
Team health indicators|Attrition risk, engagement, burnout, on-call load fairness|Sustainable performance|Stable attrition; improving engagement score|Quarterly
""",
    ),
    "Category Tool / platform Primary use Common / Optional / Context-specific": (
        "tools-table",
        "Category|Tool / platform|Primary use|Common / Optional / Context-specific",
        """
Cloud platforms|AWS|Core infrastructure hosting and managed services|Common
Cloud platforms|Azure|Alternative cloud environment|Context-specific
Cloud platforms|GCP|Alternative cloud environment|Context-specific
Infrastructure as Code|Terraform|Provisioning and standardizing infrastructure|Common
Infrastructure as Code|CloudFormation|AWS-native IaC for some orgs|Optional
Infrastructure as Code|Pulumi|IaC with general-purpose languages|Optional
Config management|Ansible|Host configuration and automation|Optional/Context-specific
Containers|Docker|Container build/runtime fundamentals|Common
Orchestration|Kubernetes|Container orchestration platform|Common (in many SaaS)
Orchestration|Amazon ECS / Azure AKS / GKE|Managed orchestration options|Context-specific
CI/CD|GitHub Actions|Build/deploy automation for code and IaC|Common
CI/CD|GitLab CI|Build/deploy automation|Context-specific
CI/CD|Jenkins|Legacy or customizable pipeline engine|Optional/Context-specific
CD / GitOps|Argo CD / Flux|GitOps-based continuous delivery|Optional/Context-specific
Observability|Prometheus|Metrics collection|Common
Observability|Grafana|Dashboards and visualization|Common
Observability|Datadog|Integrated monitoring/logging/APM|Optional/Context-specific
Observability|New Relic|Monitoring/APM alternative|Optional/Context-specific
Logging|ELK/Elastic Stack|Centralized logging and analysis|Optional/Context-specific
Tracing|OpenTelemetry|Standardized telemetry instrumentation|Common (increasingly)
Incident management|PagerDuty|On-call scheduling and incident escalation|Common
Incident management|Opsgenie|PagerDuty alternative|Optional
ITSM|Jira Service Management|Service desk, incident/problem tracking|Common
ITSM|ServiceNow|Enterprise ITSM workflows|Context-specific (enterprise)
Security (IAM)|Cloud IAM (AWS IAM/Azure AD)|Identity, access control, policies|Common
Security (secrets)|HashiCorp Vault|Central secrets management|Optional/Context-specific
Security (secrets)|AWS Secrets Manager / Azure Key Vault|Cloud-native secrets|Common
Security posture|Wiz / Prisma Cloud|Cloud security posture management|Optional/Context-specific
Vulnerability mgmt|Snyk|Dependency and container vulnerability scanning|Optional/Context-specific
Policy-as-code|OPA / Conftest|Guardrails for configs/IaC|Optional/Context-specific
Source control|GitHub|Code hosting and review workflows|Common
Source control|GitLab|Alternative SCM and CI suite|Context-specific
Collaboration|Slack / Microsoft Teams|Team comms and incident channels|Common
Documentation|Confluence / Notion|Runbooks, architecture docs, policies|Common
Project tracking|Jira|Delivery tracking, backlog management|Common
Cost management|Cloud cost explorer tools|Spend visibility and anomaly detection|Common
Cost management|Apptio Cloudability|FinOps tooling at enterprise scale|Optional/Context-specific
""",
    ),
    "Dimension What “meets bar” looks like What “exceeds” looks like": (
        "scorecard-dimensions",
        "Dimension|What “meets bar” looks like|What “exceeds” looks like",
        """
Infrastructure architecture|Solid cloud/network/IAM fundamentals|Designs scalable reference architectures; anticipates failure modes
Operational excellence|Can run incidents and improve MTTR|Builds a reliability program with SLOs, error budgets, and reduced toil
IaC & automation|Uses IaC with review and standards|Implements testing/guardrails; builds reusable modules and paved roads
Observability|Understands metrics/logs/traces|Establishes SLO-driven observability and high signal alerting
Security posture|Implements least privilege and secrets|Partners with security to automate controls and audit readiness
Leadership|Manages 1:1s, feedback, hiring|Develops talent pipeline; improves team health and performance
Stakeholder management|Communicates and aligns priorities|Influences org-wide standards; resolves conflicts with strong trust
Strategy & prioritization|Can build an actionable roadmap|Connects investments to business outcomes, cost, and risk with metrics
""",
    ),
    "Category Summary": (
        "role-scorecard-summary",
        "Category|Summary",
        """
Role title|Infrastructure Engineering Manager
Role purpose|Lead the infrastructure engineering function to deliver secure, scalable, reliable, and cost-effective infrastructure platforms and operational practices that enable product teams to ship and operate software confidently.
Top 10 responsibilities|1) Infrastructure roadmap and strategy 2) Incident management oversight and improvement 3) IaC governance and standardization 4) Observability and alerting strategy 5) Capacity planning and performance management 6) Security controls partnership (IAM/secrets/logging) 7) Cost optimization/FinOps collaboration 8) Change management for infrastructure releases 9) Vendor/tool evaluation and lifecycle 10) Hiring, coaching, and performance management
Top 10 technical skills|1) Cloud fundamentals (AWS/Azure/GCP) 2) Terraform/IaC practices 3) Linux and networking troubleshooting 4) Observability (metrics/logs/traces) 5) Incident management and postmortems 6) IAM/least privilege/security basics 7) CI/CD for infra 8) Containers/Kubernetes fundamentals 9) Capacity planning/performance analysis 10) FinOps/cost management methods
Top 10 soft skills|1) Systems thinking 2) Prioritization and trade-off management 3) Calm incident leadership 4) Stakeholder influence 5) Coaching and talent development 6) Clear written communication 7) Pragmatic decision-making 8) Accountability and follow-through 9) Conflict resolution 10) Continuous learning/blameless culture
Top tools or platforms|AWS (or Azure/GCP), Terraform, Kubernetes, GitHub/GitLab, GitHub Actions/GitLab CI, Prometheus/Grafana, Datadog/New Relic (context-specific), PagerDuty/Opsgenie, Jira/Jira Service Management, Vault/Secrets Manager
Top KPIs|SLO attainment, error budget burn, P0/P1 incident count, MTTR/MTTD, change failure rate, on-call pages per shift, toil ratio, infra spend and unit cost, capacity forecast accuracy, DR readiness
Main deliverables|Infrastructure roadmap, reference architectures, IaC modules and standards, incident runbooks and postmortems, observability dashboards and alert standards, capacity plans, DR plan and test reports, cost optimization reports, service catalog/ownership model, hiring and development plans
Main goals|Stabilize and improve reliability, reduce operational toil, enable self-service platform capabilities, strengthen security posture and audit readiness (where needed), optimize cost efficiency, build and develop a high-performing infrastructure team
Career progression options|Senior Infrastructure Engineering Manager, Director of Infrastructure/Platform Engineering, Head of SRE/Reliability, Director of Cloud Engineering/Operations, adjacent paths into Security Engineering leadership or Developer Experience/Platform leadership
""",
    ),
}

# A col-0 line that is not a section/table/run-on line is a heading when short and not a
# sentence; otherwise a paragraph.
HEADING_MAX_LEN = 90

NODE_KINDS = {"heading", "paragraph", "list", "item", "table", "row"}
NODE_FIELD_ORDER = ["kind", "key", "title", "body", "ordered", "fields", "columns", "cells", "children"]

EXPECTED_KEYS = {
    "goals-30-day", "goals-60-day", "goals-90-day", "goals-6-month", "goals-12-month",
    "goals-long-term", "kpi-table", "skills-must-have", "skills-good-to-have", "skills-advanced",
    "skills-emerging", "soft-skills", "tools-table", "assessment-areas", "case-studies",
    "signals-strong", "signals-weak", "signals-red-flags", "scorecard-dimensions",
    "role-scorecard-summary",
}

NOISE_PATTERNS = [
    re.compile(r"\bHospitals?\b", re.I),
    re.compile(r"\bCertification\b"),  # the footer's "Certification Courses" etc.; the real
    re.compile(r"\bCertification Courses\b", re.I),  # heading says "Certifications (...)"
    re.compile(r"\bSubscribe\b", re.I),
    re.compile(r"\bcomments?\b", re.I),
    re.compile(r"DevOpsSchool", re.I),
    re.compile(r"Cosmetic", re.I),
]


class SeedError(Exception):
    pass


def norm(text: str) -> str:
    """Normalise a seed line: strip, drop a leading bullet or "N." number, collapse whitespace."""
    s = text.strip()
    s = re.sub(r"^•\s*", "", s)
    s = re.sub(r"^\d+\.\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def split_cells(spec: str) -> list[str]:
    return [c.strip() for c in spec.split("|")]


def new_node(kind: str, **kw) -> dict:
    n = {"kind": kind, "key": None, "title": None, "body": None, "ordered": False,
         "fields": [], "columns": [], "cells": [], "children": []}
    n.update(kw)
    return n


def clean(n: dict) -> dict:
    """Drop absent/empty members (as serde's skip_serializing_if does), in a stable order."""
    out = {}
    for k in NODE_FIELD_ORDER:
        v = n.get(k)
        if k == "children":
            v = [clean(c) for c in v]
        if v is None or v is False or v == []:
            continue
        out[k] = v
    return out


# ---------------------------------------------------------------------------------------------
# Reading the seed
# ---------------------------------------------------------------------------------------------

def content_lines(seed_text: str) -> tuple[list[tuple[int, str]], int, int]:
    """(line number, raw line) for the content region, plus its first/last line numbers."""
    raw = seed_text.splitlines()
    start = next((i for i, l in enumerate(raw) if l.strip().startswith(DOC_TITLE_PREFIX)), None)
    if start is None:
        raise SeedError(f"document title line starting {DOC_TITLE_PREFIX!r} not found")
    end = next((i for i in range(start, len(raw)) if raw[i].strip() == NOISE_START), None)
    if end is None:
        raise SeedError(f"footer line {NOISE_START!r} not found")
    return [(i + 1, raw[i]) for i in range(start, end)], start + 1, end


def tokenise(raw: str) -> dict:
    indent = len(raw) - len(raw.lstrip(" "))
    s = raw.strip()
    if s.startswith("•"):
        return {"indent": indent, "marker": "bullet", "text": norm(s)}
    if NUMBERED_RE.match(s):
        return {"indent": indent, "marker": "num", "text": norm(s)}
    return {"indent": indent, "marker": None, "text": norm(s)}


def parse(seed_text: str) -> dict:
    lines, _, _ = content_lines(seed_text)
    body = [(no, raw) for no, raw in lines if raw.strip()]
    title = norm(body[0][1])
    body = body[1:]

    tables = {hdr: (key, split_cells(cols), {" ".join(split_cells(r)): split_cells(r)
                                              for r in rows.strip().splitlines()})
              for hdr, (key, cols, rows) in TABLES.items()}
    nest_used: Counter = Counter()

    sections: list[dict] = []
    sec = None
    heading = None        # heading node currently collecting children
    cur_list = None       # open list node
    last_item = None      # last top-level item of cur_list
    nest_parent = None    # item collecting same-indent children
    nest_left = 0

    def target() -> list:
        return heading["children"] if heading is not None else sec["nodes"]

    def ctx() -> tuple:
        return (sec["number"], heading["title"] if heading is not None else None)

    def close_list(no: int) -> None:
        nonlocal cur_list, last_item, nest_parent, nest_left
        if nest_left:
            raise SeedError(f"line {no}: {nest_left} nested item(s) of "
                            f"{nest_parent['body']!r} missing before the list ended")
        cur_list, last_item, nest_parent, nest_left = None, None, None, 0

    i = 0
    while i < len(body):
        no, raw = body[i]
        t = tokenise(raw)
        text = t["text"]
        i += 1

        if t["indent"] == 0 and t["marker"] is None:
            if sec is not None:
                close_list(no)
            m = SECTION_RE.match(text)
            if m:
                number = int(m.group(1))
                if number != len(sections) + 1:
                    raise SeedError(f"line {no}: section {number} out of order")
                sec = {"number": number, "title": m.group(2), "nodes": []}
                sections.append(sec)
                heading = None
                continue
            if sec is None:
                raise SeedError(f"line {no}: content before section 1: {text!r}")
            if text in tables:
                key, cols, rows = tables[text]
                table = new_node("table", key=key, columns=cols)
                while i < len(body) and body[i][0] == body[i - 1][0] + 1:
                    rno, rraw = body[i]
                    rtext = norm(rraw)
                    if rtext not in rows:
                        raise SeedError(f"line {rno}: no curated cell split for table row {rtext!r}")
                    table["children"].append(new_node("row", cells=rows[rtext]))
                    i += 1
                if len(table["children"]) != len(rows):
                    raise SeedError(f"line {no}: table {key!r} has {len(table['children'])} rows "
                                    f"in the seed, {len(rows)} curated")
                target().append(table)
                continue
            runon = next((h for h, sep in RUNON.items() if text.startswith(h + sep)), None)
            if runon is not None:
                rest = text[len(runon) + len(RUNON[runon]):]
                lst = new_node("list", children=[new_node("item", body=p.strip())
                                                 for p in rest.split(RUNON_ITEM_SEP)])
                heading = new_node("heading", title=runon, children=[lst])
                sec["nodes"].append(heading)
                continue
            if len(text) < HEADING_MAX_LEN and not text.endswith("."):
                htitle = text[:-1].rstrip() if text.endswith(":") else text
                heading = new_node("heading", title=htitle,
                                   key=HEADING_KEYS.get((sec["number"], htitle)))
                sec["nodes"].append(heading)
                continue
            target().append(new_node("paragraph", body=text))
            continue

        if sec is None:
            raise SeedError(f"line {no}: indented content before section 1")

        # Field line of a skill / soft skill.
        if t["indent"] >= 4 and t["marker"] is None:
            if last_item is None:
                raise SeedError(f"line {no}: field line outside an item: {text!r}")
            label, sep, value = text.partition(": ")
            allowed = FIELD_LABELS.get(sec["number"], [])
            if not sep or label not in allowed:
                raise SeedError(f"line {no}: unexpected indented line {text!r}")
            last_item["fields"].append({"label": label, "value": value})
            continue

        # Deeper bullet: child of the last top-level item.
        if t["indent"] >= 4:
            if last_item is None or t["marker"] != "bullet":
                raise SeedError(f"line {no}: deeper bullet outside an item: {text!r}")
            last_item["children"].append(new_node("item", body=text))
            continue

        # Top-level list entry.
        if nest_left:
            if text.endswith(":"):
                raise SeedError(f"line {no}: nested item ends with ':' (deeper nesting?): {text!r}")
            nest_parent["children"].append(new_node("item", body=text))
            nest_left -= 1
            continue

        ordered = t["marker"] == "num"
        c = ctx()
        if (c[0], c[1]) == CASE_HEADING and text not in CASE_TITLES:
            if last_item is None or last_item["body"] is not None:
                raise SeedError(f"line {no}: case-study prompt without its exercise line: {text!r}")
            last_item["body"] = text
            continue
        if cur_list is None or cur_list["ordered"] != ordered:
            if cur_list is not None:
                close_list(no)
            cur_list = new_node("list", ordered=ordered, key=LIST_KEYS.get(c))
            target().append(cur_list)

        item = new_node("item")
        if (c[0], c[1]) in LABELLED or (c[0], "*") in LABELLED:
            name, sep, rest = text.partition(": ")
            if not sep:
                raise SeedError(f"line {no}: expected 'Title: text' in a labelled list: {text!r}")
            item["title"], item["body"] = name, rest
        elif c[0] in NAMED_WITH_FIELDS:
            item["title"] = text
        elif c in DASHED:
            name, sep, rest = text.partition(" – ")
            if not sep:
                raise SeedError(f"line {no}: expected 'Title – text': {text!r}")
            item["title"], item["body"] = name, rest
        elif c == CASE_HEADING:
            item["title"] = text
        else:
            item["body"] = text
            if text.endswith(":"):
                if text not in NEST:
                    raise SeedError(f"line {no}: bullet ends with ':' but has no curated "
                                    f"nesting: {text!r}")
                nest_used[text] += 1
                nest_parent, nest_left = item, NEST[text]
        cur_list["children"].append(item)
        last_item = item

    if sec is not None:
        close_list(body[-1][0])
    unused = [k for k in NEST if nest_used[k] != 1]
    if unused:
        raise SeedError(f"curated nesting not used exactly once: {unused}")
    return {"title": title, "sections": [
        {"number": s["number"], "title": s["title"], "nodes": [clean(n) for n in s["nodes"]]}
        for s in sections]}


# ---------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------

def render(doc: dict) -> list[tuple[str, bool]]:
    """The document as seed lines: (text, is_heading)."""
    out: list[tuple[str, bool]] = [(doc["title"], False)]

    def item_lines(n: dict, list_key: str | None) -> None:
        title, body = n.get("title"), n.get("body")
        if list_key == "case-studies":
            out.append((title, False))
            if body is not None:
                out.append((body, False))
        else:
            sep = " – " if list_key == "assessment-areas" else ": "
            out.append((sep.join(x for x in (title, body) if x is not None), False))
        for f in n.get("fields", []):
            out.append((f"{f['label']}: {f['value']}", False))
        for c in n.get("children", []):
            item_lines(c, None)

    def node_lines(n: dict) -> None:
        kind = n["kind"]
        if kind == "heading" and n["title"] in RUNON:
            (lst,) = n["children"]
            out.append((n["title"] + RUNON[n["title"]]
                        + RUNON_ITEM_SEP.join(c["body"] for c in lst["children"]), False))
        elif kind == "heading":
            out.append((n["title"], True))
            for c in n.get("children", []):
                node_lines(c)
        elif kind == "paragraph":
            out.append((n["body"], False))
        elif kind == "list":
            for c in n["children"]:
                item_lines(c, n.get("key"))
        elif kind == "table":
            out.append((" ".join(n["columns"]), False))
            for r in n["children"]:
                out.append((" ".join(r["cells"]), False))
        else:
            raise AssertionError(f"unexpected {kind} node outside its parent")

    for s in doc["sections"]:
        out.append((f"{s['number']}) {s['title']}", False))
        for n in s["nodes"]:
            node_lines(n)
    return out


def check_lines(doc: dict, seed_text: str) -> None:
    lines, _, _ = content_lines(seed_text)
    seed = [(no, norm(raw)) for no, raw in lines if raw.strip()]
    rendered = render(doc)
    for idx, (no, want) in enumerate(seed):
        if idx >= len(rendered):
            raise AssertionError(f"seed line {no} not accounted for: {want!r}")
        got, is_heading = rendered[idx]
        if got == want or (is_heading and got + ":" == want):
            continue
        raise AssertionError(f"first mismatch at seed line {no}:\n  seed:     {want!r}\n"
                             f"  rendered: {got!r}")
    if len(rendered) > len(seed):
        raise AssertionError(f"rendered has extra lines after the seed: {rendered[len(seed)]!r}")


def walk(nodes: list[dict]):
    for n in nodes:
        yield n
        yield from walk(n.get("children", []))


def check_schema(doc: dict) -> None:
    assert set(doc) == {"title", "sections"}, set(doc)
    assert isinstance(doc["title"], str) and doc["title"]

    def check_node(n: dict, parent_kind: str) -> None:
        assert set(n) <= set(NODE_FIELD_ORDER), n
        kind = n["kind"]
        assert kind in NODE_KINDS, kind
        for k in ("key", "title", "body"):
            assert k not in n or (isinstance(n[k], str) and n[k]), (k, n)
        assert n.get("ordered", True) is True, n
        for f in n.get("fields", []):
            assert set(f) == {"label", "value"} and f["label"] and f["value"], f
        allowed_parent = {"heading": {None, "heading"}, "paragraph": {None, "heading"},
                          "list": {None, "heading"}, "table": {None, "heading"},
                          "item": {"list", "item"}, "row": {"table"}}[kind]
        assert parent_kind in allowed_parent, (kind, parent_kind)
        if kind == "heading":
            assert "title" in n and not n["title"].endswith(":"), n
        if kind == "paragraph":
            assert set(n) == {"kind", "body"}, n
        if kind == "list":
            assert n.get("children") and all(c["kind"] == "item" for c in n["children"]), n
        if kind == "item":
            assert "title" in n or "body" in n, n
        if kind == "table":
            assert n.get("columns") and n.get("children"), n
            for r in n["children"]:
                assert r["kind"] == "row" and len(r["cells"]) == len(n["columns"]), r
                assert all(isinstance(c, str) and c for c in r["cells"]), r
        assert "columns" not in n or kind == "table", n
        assert "cells" not in n or kind == "row", n
        assert "fields" not in n or kind == "item", n
        assert "ordered" not in n or kind == "list", n
        for c in n.get("children", []):
            check_node(c, kind)

    for s in doc["sections"]:
        assert set(s) == {"number", "title", "nodes"}, set(s)
        for n in s["nodes"]:
            check_node(n, None)


def check_counts(doc: dict) -> None:
    secs = doc["sections"]
    assert [s["number"] for s in secs] == list(range(1, 21)), [s["number"] for s in secs]
    by_no = {s["number"]: s for s in secs}
    every = [n for s in secs for n in walk(s["nodes"])]

    keys = [n["key"] for n in every if "key" in n]
    assert len(keys) == len(set(keys)), Counter(keys)
    assert set(keys) == EXPECTED_KEYS, set(keys) ^ EXPECTED_KEYS
    keyed = {n["key"]: n for n in every if "key" in n}

    def sole_list(h: dict) -> dict:
        lists = [c for c in h.get("children", []) if c["kind"] == "list"]
        assert len(lists) == 1, (h["title"], len(lists))
        return lists[0]

    # 3) responsibilities
    heads = [n for n in by_no[3]["nodes"] if n["kind"] == "heading"]
    assert len(heads) == 6 and len(by_no[3]["nodes"]) == 6, [h["title"] for h in heads]
    expect = [("Strategic", 5), ("Operational", 5), ("Technical", 5),
              ("Cross-functional or stakeholder", 3), ("Governance, compliance, or quality", 2),
              ("Leadership", 3)]
    for h, (prefix, count) in zip(heads, expect):
        assert h["title"].startswith(prefix), (h["title"], prefix)
        lst = sole_list(h)
        assert lst.get("ordered") and len(lst["children"]) == count, (h["title"], count)
        assert all(it.get("title") and it.get("body") for it in lst["children"]), h["title"]
    assert sum(len(sole_list(h)["children"]) for h in heads) == 23

    # 6) goals headings
    for k in ("goals-30-day", "goals-60-day", "goals-90-day", "goals-6-month", "goals-12-month",
              "goals-long-term"):
        assert keyed[k]["kind"] == "heading" and keyed[k] in by_no[6]["nodes"], k

    # 7) KPI table
    kpi = keyed["kpi-table"]
    assert kpi["kind"] == "table" and kpi["columns"] == [
        "Metric name", "What it measures", "Why it matters", "Example target/benchmark",
        "Frequency"], kpi["columns"]
    assert len(kpi["children"]) == 22 and all(len(r["cells"]) == 5 for r in kpi["children"])

    # 8) skills
    for k, count in (("skills-must-have", 8), ("skills-good-to-have", 6), ("skills-advanced", 4),
                     ("skills-emerging", 4)):
        h = keyed[k]
        assert h["kind"] == "heading" and h in by_no[8]["nodes"], k
        lst = sole_list(h)
        assert lst.get("ordered") and len(lst["children"]) == count, (k, len(lst["children"]))
        for it in lst["children"]:
            labels = [f["label"] for f in it.get("fields", [])]
            assert it.get("title") and "body" not in it, it
            assert labels in (["Description", "Use", "Importance"], ["Use", "Importance"]), labels

    # 9) soft skills
    soft = keyed["soft-skills"]
    assert soft["kind"] == "list" and soft.get("ordered") and len(soft["children"]) == 10
    for it in soft["children"]:
        assert it.get("title") and [f["label"] for f in it.get("fields", [])] == [
            "Why it matters", "How it shows up", "Strong performance"], it

    # 10) tools
    tools = keyed["tools-table"]
    assert tools["kind"] == "table" and tools["columns"] == [
        "Category", "Tool / platform", "Primary use", "Common / Optional / Context-specific"]
    assert tools["children"] and all(len(r["cells"]) == 4 for r in tools["children"])

    # 19) hiring
    aa = keyed["assessment-areas"]
    assert aa["kind"] == "list" and aa.get("ordered") and len(aa["children"]) == 7
    assert all(it.get("title") and it.get("body") for it in aa["children"])
    assert aa["children"][0]["title"] == "Infrastructure fundamentals and depth"
    assert aa["children"][0]["body"] == "Cloud architecture, networking, IAM, reliability patterns"
    cs = keyed["case-studies"]
    assert cs["kind"] == "list" and [it["title"] for it in cs["children"]] == CASE_TITLES
    assert all(it.get("body") for it in cs["children"])
    assert [len(it.get("children", [])) for it in cs["children"]] == [3, 3, 1, 0]
    assert cs["children"][0]["body"] == ("Provide an example architecture and incident history; "
                                         "ask the candidate to propose:")
    for k, count in (("signals-strong", 6), ("signals-weak", 5), ("signals-red-flags", 5)):
        assert keyed[k]["kind"] == "list" and len(keyed[k]["children"]) == count, k
    sd = keyed["scorecard-dimensions"]
    assert sd["kind"] == "table" and len(sd["columns"]) == 3 and len(sd["children"]) == 8
    assert all(len(r["cells"]) == 3 for r in sd["children"])

    # 20) summary
    rs = keyed["role-scorecard-summary"]
    assert rs["kind"] == "table" and rs["columns"] == ["Category", "Summary"]
    assert len(rs["children"]) == 10 and all(len(r["cells"]) == 2 for r in rs["children"])
    assert rs in by_no[20]["nodes"]

    # Section placement of keyed nodes.
    placement = {"kpi-table": 7, "soft-skills": 9, "tools-table": 10, "assessment-areas": 19,
                 "case-studies": 19, "signals-strong": 19, "signals-weak": 19,
                 "signals-red-flags": 19, "scorecard-dimensions": 19}
    for k, no in placement.items():
        assert any(n is keyed[k] for n in walk(by_no[no]["nodes"])), (k, no)

    # No web-page noise.
    dump = json.dumps(doc, ensure_ascii=False)
    for pat in NOISE_PATTERNS:
        m = pat.search(dump)
        assert m is None, f"noise text {m.group(0)!r} in the JSON"


def summary(doc: dict) -> str:
    rows = []
    for s in doc["sections"]:
        kinds = Counter(n["kind"] for n in walk(s["nodes"]))
        parts = ", ".join(f"{k} {kinds[k]}" for k in
                          ("heading", "paragraph", "list", "item", "table", "row") if kinds[k])
        rows.append(f"{s['number']:>2}) {s['title']}: {parts}")
    tools = next(n for s in doc["sections"] for n in walk(s["nodes"]) if n.get("key") == "tools-table")
    rows.append(f"tools table rows: {len(tools['children'])}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    seed_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEED
    seed_text = seed_path.read_text(encoding="utf-8")
    try:
        doc = parse(seed_text)
    except SeedError as e:
        print(f"parse error: {e}", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} from {seed_path}")

    written = json.loads(OUT.read_text(encoding="utf-8"))
    try:
        check_schema(written)
        check_lines(written, seed_text)
        check_counts(written)
    except AssertionError as e:
        print(f"self-check FAILED: {e}", file=sys.stderr)
        return 1
    print(summary(written))
    print("self-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
