/**
 * The gateway's API as TypeScript types, generated from its OpenAPI document by openapi-typescript
 * (npm run client:generate). Do not edit: change the routes and generate again.
 */
/* eslint-disable */
export interface paths {
    "/public/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lodge a complaint about an online purchase (no login)
         * @description Linked to the platform’s filed order when order_id names one (a verified purchase), the store and its market subject. A product trace code (trace_code) names the unit complained about; every view of the complaint shows it, or null. Answers with a tracking code and a secret access token, shown once. Purchases more than three years ago are refused; the same order and category open already is refused as a duplicate; lodging is rate-limited per client address and per phone number.
         */
        post: operations["lodgeComplaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Track a complaint (Authorization: Bearer <access token>) */
        get: operations["trackComplaint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the platform's answer (Authorization: Bearer <access token>) */
        post: operations["acceptComplaintAnswer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add evidence files: images (JPEG, PNG, GIF, WebP) or PDF, up to 5 MB each (multipart field "file")
         * @description The type is read from the content, never from the name; the file is known and downloaded by its hash and that type (`<16 hex digits>.gif`), never by the name it was uploaded with. At most 20 files per complaint, 10 in 24 hours (configurable).
         */
        post: operations["addComplaintFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/files/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An evidence file of the complaint, as an attachment (Authorization: Bearer <access token>) */
        get: operations["downloadComplaintFileAsConsumer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a message (Authorization: Bearer <access token>) */
        post: operations["addComplaintMessageAsConsumer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject the platform's answer: the regulator mediates (Authorization: Bearer <access token>) */
        post: operations["rejectComplaintAnswer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/complaints/{tracking_code}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the complaint (Authorization: Bearer <access token>) */
        post: operations["withdrawComplaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find market subjects by code, store URL or name (no login)
         * @description A unified social credit code finds its subject; a store URL (http or https) finds the subjects filed with it; any other text finds organisations and stores whose name contains it (organisations found by their own name first). Natural persons are found by their stores only, never by their names. Paged: `total` says how many were found, `next_offset` where the next page starts (null on the last).
         */
        get: operations["searchPublicCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/credit/subjects/{subject_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subject's public credit record (no login) */
        get: operations["getPublicCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/trace/{scheme}/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check a product trace code: not sold, sold once, or sold more than once (no login)
         * @description What the filed orders of every platform say about one trace code (docs/trace-codes.md): `not_found` (never filed as sold), `sold_once` (the platform, the store and its verification, the month, the category) or `sold_more_than_once` (how many sales, the first and last month, the stores), and whether a regulator recalled it. Never anything about a buyer. A cancelled order sold nothing; a refund followed by a sale of the same store is a return and a resale, counted once. A GS1 element string goes in the path percent-encoded: `(01)09506000134352(21)A1` as `%2801%2909506000134352%2821%29A1`.
         */
        get: operations["checkTraceCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assistance-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This platform's assistance requests, open first (nearest due date first) */
        get: operations["listAssistanceRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assistance-requests/{request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One assistance request to this platform, with the answers it sent */
        get: operations["getAssistanceRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assistance-requests/{request_id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer with a file (NDJSON, CSV or ZIP as the raw body, up to 64 MiB); a signed receipt
         * @description The content is checked against the Content-Type (NDJSON lines are JSON, CSV is UTF-8 with rows of one width, a ZIP has a readable central directory). Send several parts with `final=false` on all but the last; a part with `final` true (the default) completes the request. An answer after the due date is taken and flagged `late`. Nothing is kept of a body refused, cut off or too large.
         */
        post: operations["answerAssistanceRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assistance-requests/{request_id}/answers/{answer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed receipt of an answer this platform sent, again */
        get: operations["getAssistanceAnswerReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Complaints about this platform's sellers, nearest deadline first */
        get: operations["listComplaints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/complaints/{complaint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One complaint about this platform’s sellers */
        get: operations["getComplaint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/complaints/{complaint_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a message to a complaint */
        post: operations["addComplaintMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/complaints/{complaint_id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a forwarded complaint (due within 10 working days; later answers are recorded as untimely) */
        post: operations["answerComplaint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File double-publicity decisions (administrative licensing and penalties)
         * @description For department keys. A JSON array (or {"records": [...]}), NDJSON, or CSV with a header row of the field names (docs/double-publicity.md). Each decision is created, updated (a new version: a correction, or `status: withdrawn` to withdraw it), unchanged or rejected, with a signed receipt, as seller filings are; a decision is identified by its authority’s code and its document number, and its kind cannot change. Published decisions become public at once: a penalty enters the subject’s credit record, a licence its public page; both are announced as events. Send an Idempotency-Key to make retries safe.
         */
        post: operations["fileDecisions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event feed: every change others must act on, in sequence
         * @description Events are numbered without gaps in the order they were committed. A platform sees the events about subjects it filed sellers of and those addressed to it (its stores, complaints, requests); departments and regulators see all. Read on from `next_after`: when fewer than `limit` events came, it is the head of the feed, and nothing you may see lies before it. Each entry is the body a webhook delivery carries.
         *
         *     - `list.entered`: A market subject entered the abnormal-operations or the serious-dishonesty list: platforms with its stores act on it (joint punishment) and acknowledge.
         *     - `list.removed`: A list entry ended: expired, repaired, entered in error, or moved to the serious list.
         *     - `penalty.published`: An administrative penalty became public.
         *     - `penalty.withdrawn`: A public penalty left the public record: overturned or repaired.
         *     - `mark.revoked`: A trust mark was revoked; the store must stop showing it.
         *     - `verification.violation`: A crawl found a store not showing its real-name identity, or showing a different one, or a false trust mark: the platform must act (E-Commerce Law art. 29).
         *     - `complaint.forwarded`: A consumer complaint was forwarded to the platform to answer.
         *     - `assistance.requested`: A regulator asked the platform for a seller’s records.
         *     - `license.published`: A department filed an administrative licensing decision.
         *     - `product.recalled`: A regulator recalled products by their trace codes: the platform’s orders that sold them, to act on (tell the buyers, stop the sales).
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{seq}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event; for a platform, with when it acknowledged it */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{seq}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an event that concerns your platform: seen, and acted on (joint punishment) */
        post: operations["acknowledgeEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchange/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Double-publicity decisions of every department, in the order they changed
         * @description Every licensing and penalty decision departments filed, each in its current version, in the data items it was filed in (amounts in yuan, a natural person’s document number masked), with marketgate’s own fields: `seq` (the exchange cursor), the filing department, when it was first filed, the publication deadline (7 working days from the decision) and whether it was published late, and, for penalties, the credit penalty it became. Withdrawn decisions stay here with `status: withdrawn` (they leave the public pages). Read from `since` on: a sequence number (the `next_since` of the previous page) or a date or time (decisions changed at or after it).
         */
        get: operations["listExchangeDecisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/filings/{filing_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A filing receipt, again
         * @description Returns the signed receipt of one of your filings (a platform's filings, or a department's decisions). Long error lists come in pages (errors_offset, errors_limit); the signature still verifies, and errors_sha256 covers the whole list.
         */
        get: operations["getFiling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This platform's leads with their status, latest change first */
        get: operations["listLeads"];
        put?: never;
        /**
         * Report a violation found on this platform (a lead for regulators)
         * @description The 2025 online-trading compliance data measures: the seller (one this platform filed), the store, the goods, what was found, the records kept, the measures taken. ID and phone numbers in the texts are masked before they are stored. Idempotency-Key: the same key and body answer 200 with the lead filed first (Idempotent-Replayed: true); another body is refused. Attach files with POST /v1/leads/{lead_id}/files. Fields and closed lists: docs/leads.md.
         */
        post: operations["fileLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads/{lead_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One lead of this platform, with its status and every step */
        get: operations["getLead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads/{lead_id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach files to a lead: images (JPEG, PNG, GIF, WebP) or PDF, up to 5 MB each (multipart field "file")
         * @description The type is read from the content, never from the name; a file is known by its hash and that type (`<16 hex digits>.png`). At most 20 files per lead; none once it is dismissed or closed.
         */
        post: operations["addLeadFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leads/{lead_id}/files/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file of one of this platform’s leads */
        get: operations["downloadLeadFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marks/{mark_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A mark, its status and its signature (public) */
        get: operations["getMark"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marks/{mark_id}/snippet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The HTML a store pastes into its page to show the mark (public)
         * @description A link to the public verification page around the badge image; it works without script.
         */
        get: operations["getMarkSnippet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marks/revoked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revoked marks, oldest revocation first (public) */
        get: operations["listRevokedMarks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipt-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public key that verifies receipts */
        get: operations["getReceiptKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open alerts: subjects on the serious list filed again by a platform, and platforms filing different names for one subject */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/alerts/{alert_id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge an alert */
        post: operations["acknowledgeAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/assistance-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Assistance requests: open first (nearest due date first), then the rest newest first */
        get: operations["listAssistanceRequestsAsRegulator"];
        put?: never;
        /**
         * Ask a platform for a seller's records (identity, orders, payments, logistics, after-sales)
         * @description Due in working days on the holiday calendar, counted from the day after the request. The platform is told by the `assistance.requested` event (feed and webhooks). Audited.
         */
        post: operations["requestAssistance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/assistance-requests/{request_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One assistance request with its answers */
        get: operations["getAssistanceRequestAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/assistance-requests/{request_id}/answers/{answer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an answer file, byte for byte as the platform sent it (audited) */
        get: operations["downloadAssistanceAnswer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/assistance-requests/{request_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an open request (audited, with the reason); the platform sees it cancelled */
        post: operations["cancelAssistanceRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first (hash-chained; `marketgate audit verify` checks the chain) */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/audit/head": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log's head, signed: keep it where the gateway cannot write
         * @description The chain shows any entry changed, removed or reordered, but not entries cut off at its end. A checkpoint kept elsewhere shows that too: `marketgate audit verify --checkpoint FILE`. Signed with the key of GET /v1/receipt-key, over the canonical JSON of `payload`.
         */
        get: operations["getAuditHead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The regulator’s queue: open complaints (or one status), nearest deadline first */
        get: operations["listComplaintsAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/complaints/{complaint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A complaint with every step */
        get: operations["getComplaintAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/complaints/{complaint_id}/files/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An evidence file of a complaint, as an attachment */
        get: operations["downloadComplaintFileAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/complaints/{complaint_id}/reveal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The complainant's name, phone and e-mail unmasked, for a reason that is audited */
        post: operations["revealComplainant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/complaints/{complaint_id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept, reject, forward, mediate, close, find the seller at fault, or add a message */
        post: operations["takeComplaintStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/crawls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Crawls, newest first, with who started each and its counts by verdict */
        get: operations["listCrawls"];
        put?: never;
        /**
         * Start a crawl that verifies stores
         * @description Verifies the active filed stores the body names: by platform, by store, and/or those not verified within `stale_days`; every active store with `{"all": true}` (alone). A body that names nothing (`{}`) is refused. The crawl runs in the background; follow it at the returned `Location`, list crawls at GET /v1/regulator/crawls, cancel it with POST .../cancel.
         */
        post: operations["startCrawl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/crawls/{crawl_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Progress of a crawl */
        get: operations["getCrawl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/crawls/{crawl_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a crawl (audited)
         * @description Its stores not yet taken are not visited; those in flight finish and are recorded (`finished_at` is set then). The crawl's status is `cancelled` from now on, and a restart does not resume it. Cancelling a cancelled crawl changes nothing and answers 200 with it. No body.
         */
        post: operations["cancelCrawl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/crawls/{crawl_id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A crawl's stores with their verdicts, filtered by verdict and reason; JSON pages or CSV
         * @description One row per store the crawl covers, in crawl order (`verdict` null while a store is not visited). No personal data: no ID number, phone or legal name. `format=csv` exports every row that the filters pass as one CSV file (RFC 4180, UTF-8 with a byte-order mark; columns platform, seller_id, store_name, store_url, verdict, reason, verification_id, finished_at; `finished_at` in China Standard Time with its offset, +08:00; a cell that a spreadsheet would read as a formula starts with an apostrophe); `limit` and `cursor` page the JSON only and are refused with it. The `Accept` header does not choose the format.
         */
        get: operations["listCrawlResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/crawls/{crawl_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Statistics of a crawl, per host and overall
         * @description Visits by verdict and by reason, a histogram of HTTP statuses (`error` for requests that got no answer), retries and browser renders.
         */
        get: operations["getCrawlStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/events/{seq}/acknowledgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which platforms an event concerns, and which of them acknowledged it */
        get: operations["listEventAcknowledgements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The regulators’ queue of leads: open ones (or one status), oldest first */
        get: operations["listLeadsAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead with its links, files and every step */
        get: operations["getLeadAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a lead, or give it to a colleague: submitted → in_review (audited) */
        post: operations["assignLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a lead that was taken or linked, saying how it was handled (audited; the platform sees it) */
        post: operations["closeLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a lead that gives no ground for action, with the reason the platform sees (audited) */
        post: operations["dismissLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}/files/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A file of a lead */
        get: operations["downloadLeadFileAsRegulator"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/leads/{lead_id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link a lead to a penalty or a risk warning of its seller's subject (audited): → linked */
        post: operations["linkLead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/lists/{list}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The entries of a list: open, proposed for the serious list, removed */
        get: operations["listListEntries"];
        put?: never;
        /**
         * Put a subject on the abnormal-operations list or the serious illegal and dishonest list
         * @description The serious list needs a qualifying penalty (not minor, not withdrawn) or an abnormal-list entry proposed for it. Listing revokes the subject’s trust marks and crawls its stores first.
         */
        post: operations["addListEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/lists/{list}/entries/{entry_id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Remove a subject from a list after credit repair, or an entry made in error
         * @description Repair removes a serious-list entry from a year after entry; an abnormal-list entry at any time.
         */
        post: operations["removeListEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/marks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a trust mark to a verified store
         * @description The store must be active and its latest verification compliant; one active mark per store.
         */
        post: operations["issueMark"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/marks/{mark_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a trust mark, with a reason */
        post: operations["revokeMark"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/penalties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Penalties: the unpublished and overdue ones by deadline, or the latest recorded */
        get: operations["listPenalties"];
        put?: never;
        /**
         * Record an administrative penalty decision
         * @description The gateway computes the publication deadline (20 working days after the decision). Published, the penalty is public for 3 months (minor) or 3 years and counts in the credit score.
         */
        post: operations["recordPenalty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/penalties/{penalty_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A penalty with its state and deadlines */
        get: operations["getPenalty"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/penalties/{penalty_id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a penalty */
        post: operations["publishPenalty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/penalties/{penalty_id}/repair": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Credit repair: end the publication of a penalty early
         * @description From 6 months after publication (1 year for food, drugs and special equipment); not for minor penalties.
         */
        post: operations["repairPenalty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/penalties/{penalty_id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an overturned penalty (due within 3 working days of the overturning) */
        post: operations["withdrawPenalty"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/recalls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Recall products by their trace codes and tell the platforms that sold them
         * @description Finds the filed orders that sold the codes (named, or under a prefix), and tells each platform concerned with a `product.recalled` event on its feed and webhooks: the recall, its orders' ids (at most 1000) and counts. Audited. From then on the public check of a recalled code says so.
         */
        post: operations["recallProducts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per signal: warnings by status and the share confirmed of those decided */
        get: operations["listRiskSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/warnings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Risk warnings: leads from all platforms' data together, riskiest first
         * @description A warning is a lead for a regulator, not a violation: it never writes a credit event. The queue is ordered by score (descending); `next_cursor` pages on. Signals and their rules: docs/risk-model.md.
         */
        get: operations["listRiskWarnings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/warnings/{warning_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One risk warning, with its explanation and evidence */
        get: operations["getRiskWarning"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/warnings/{warning_id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign a warning to a regulator (audited) */
        post: operations["assignRiskWarning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/warnings/{warning_id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a warning: it led to a penalty or a list entry (audited) */
        post: operations["confirmRiskWarning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/risk/warnings/{warning_id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismiss a warning, with the reason (audited; kept to measure the signal's precision) */
        post: operations["dismissRiskWarning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/sellers/over-threshold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Natural-person sellers whose yearly sales pass the sporadic-trading threshold
         * @description Natural persons may sell without registering only while their yearly sales stay at or below the threshold (default CNY 100,000, configurable). Sales are order totals less refunds, in CNY, by month of placing in China Standard Time, summed per person across every platform, from statistics kept up to date as filings arrive.
         */
        get: operations["listOverThresholdSellers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/stores/{platform}/{seller_id}/episodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A store's violation episodes, newest first, with the verifications that found each
         * @description A violation is an episode (docs/decisions/0014): the verification that first finds it opens it and writes its credit event; later ones that find the same thing extend it; one that finds the store compliant (the mark genuine, or gone) closes it. One further event for every 90 days an episode stays open.
         */
        get: operations["listStoreEpisodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/stores/{platform}/{seller_id}/verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A store's verifications, newest first, with their evidence */
        get: operations["listStoreVerifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/subjects/{subject_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subject's whole record: sellers on every platform, events, score, lists, penalties, marks */
        get: operations["getSubject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/subjects/{subject_id}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A subject's credit: score, tier, explanation and every event */
        get: operations["getSubjectCredit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/subjects/{subject_id}/name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the name a subject is shown under
         * @description Without a confirmation a subject shows the name most platforms with an open store file (compared normalised), ties going to the name filed first; no one platform can rename it. A confirmed name wins until another confirmation. Audited.
         */
        post: operations["confirmSubjectName"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regulator/verifications/{verification_id}/evidence/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download one piece of evidence of a verification
         * @description The raw response, the rendered HTML or the screenshot, byte for byte; its SHA-256 is its name. Served as an attachment in a sandbox: a store page kept as evidence never runs on the gateway.
         */
        get: operations["downloadEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File sellers (real-name identity of each seller and its store)
         * @description Accepts a JSON array (or {"records": [...]}), NDJSON (one record per line, streamed), CSV with a header row of the same field names (UTF-8, BOM tolerated), or a spreadsheet (.xlsx, at most 32 MiB and 100,000 rows): its first worksheet, with the same header row (see GET /v1/templates/sellers.xlsx); errors carry the row number as line. Each record is created, updated (a new version), unchanged or rejected; rejected records never stop the valid ones unless atomic=true. Send an Idempotency-Key to make retries safe.
         */
        post: operations["fileSellers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{seller_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your sellers: its current version and how many versions it has */
        get: operations["getSeller"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{seller_id}/commitments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File a seller's signed credit commitment
         * @description It counts for the seller’s market subject once a year at most (docs/credit-model.md).
         */
        post: operations["fileCommitment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{seller_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every filed version of one of your sellers, newest first */
        get: operations["listSellerVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/templates/sellers.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The seller filing template (.xlsx)
         * @description A workbook whose first sheet has the header row of seller field names (required ones in red, each with a note), its columns formatted as text, and a second sheet explaining every column. Fill it and file it to POST /v1/sellers as it is. Public: it holds nothing but the field list.
         */
        get: operations["downloadSellerTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File transactions (orders), streamed
         * @description NDJSON (one order per line) is streamed: memory stays bounded whatever the body size. A JSON array is read whole. The filing is all or nothing for readers: none of its orders is visible until the receipt is written; a filing cut off halfway leaves nothing, and a retry with the same Idempotency-Key files it afresh. Filing an order again records its new state in its history; seller_id and placed_at change only with a correction_reason. Items that do not add up to the total give a total_mismatch warning. Responses carry the first 1,000 errors; the rest are paged from GET /v1/filings/{filing_id}.
         */
        post: operations["fileTransactions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transactions/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your orders with its history */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your webhooks, with their delivery counts */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Register a webhook; the signing secret is shown once
         * @description Deliveries follow the Standard Webhooks specification: headers `webhook-id`, `webhook-timestamp`, `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the bytes of the secret after `whsec_`); the body is `{"type", "timestamp", "data", "seq"}`. Only 2xx counts; other answers are retried with exponential backoff for about three days; 410 disables the webhook. The URL must reach a public address.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a webhook; deliveries waiting for it are cancelled */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's deliveries, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a finished delivery again, now */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhook_id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret; the old one signs beside it for 24 hours */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The crawl policy the fleet follows (this gateway's): politeness, deadlines, issuers
         * @description A worker reads it as it starts, so that every machine of the fleet crawls by the same rules, set in one place.
         */
        get: operations["workerConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/evidence/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the gateway holds an evidence file (a worker skips sending it then); HEAD as well */
        get: operations["workerHasEvidence"];
        /**
         * Send an evidence file, content-addressed: the body must hash to the path
         * @description The body is the file (up to 32 MiB), its Content-Type its media type. Sending a file the gateway holds already changes nothing.
         */
        put: operations["workerPutEvidence"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/worker/verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a store's verification made by a worker, once per job */
        post: operations["workerRecordVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @example {
         *       "reason": "案件已撤销，无需再提供材料。"
         *     }
         */
        AssistanceRequestCancel: {
            reason: string;
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "legal_basis": "《网络交易监督管理办法》第三十五条",
         *       "case_number": "杭市监案〔2026〕118号",
         *       "scope": [
         *         "identity",
         *         "orders"
         *       ],
         *       "from": "2026-01-01",
         *       "to": "2026-02-28",
         *       "due_working_days": 10,
         *       "note": "请提供该店铺经营者身份信息及期间全部订单明细。"
         *     }
         */
        AssistanceRequestInput: {
            /**
             * @description The case under investigation.
             * @example 杭市监案〔2026〕118号
             */
            case_number: string;
            /**
             * @description Working days (China's holiday calendar) the platform has to answer, counted from the day after the request; 10 when not given.
             * @default 10
             */
            due_working_days?: number;
            /**
             * @description First day of the period the records cover (China Standard Time).
             * @example 2026-01-01
             */
            from: string;
            /**
             * @description The provision the request rests on.
             * @example 《网络交易监督管理办法》第三十五条
             */
            legal_basis: string;
            /** @description What exactly is wanted, for the platform; not sent in the event. */
            note?: string;
            /**
             * @description The platform's slug.
             * @example alpha
             */
            platform: string;
            /**
             * @description The kinds of records asked for.
             * @example [
             *       "identity",
             *       "orders"
             *     ]
             */
            scope: ("identity" | "orders" | "payments" | "logistics" | "after_sales")[];
            /** @description The seller as the platform filed it. */
            seller_id: string;
            /**
             * @description Last day of the period, on or after `from`, not after today.
             * @example 2026-03-31
             */
            to: string;
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "order_id": "O-20260301-0001",
         *       "category": "quality",
         *       "description": "收到的西湖龙井茶叶发霉结块，联系客服要求退款被拒绝。",
         *       "amount_claimed": "129.90",
         *       "currency": "CNY",
         *       "trace_code": {
         *         "scheme": "gs1",
         *         "code": "(01)06901234567892(21)LJ250-0117"
         *       },
         *       "complainant": {
         *         "name": "李小红",
         *         "phone": "13912340006",
         *         "email": "lixiaohong@example.cn"
         *       },
         *       "publish_consent": true
         *     }
         */
        ComplaintInput: {
            /** @example 129.90 */
            amount_claimed?: string;
            /** @enum {string} */
            category: "quality" | "counterfeit" | "false_advertising" | "non_delivery" | "refund_refused" | "price_fraud" | "personal_data_misuse" | "other";
            /** @description Encrypted at rest; shown masked to all but the handling regulator. */
            complainant: {
                /** Format: email */
                email?: string;
                name: string;
                phone: string;
            };
            /** @example CNY */
            currency?: string;
            description: string;
            order_id?: string;
            /** @description The platform's slug. */
            platform: string;
            /**
             * @description Whether the narrative may be published (with personal data scrubbed) once closed.
             * @default false
             */
            publish_consent?: boolean;
            seller_id?: string;
            store_url?: string;
            /** @description The product trace code of the unit complained about, such as a code the public trace check said was sold more than once. A code its scheme refuses, or a scheme that is not one, is refused with invalid_trace_code. Shown back in every view of the complaint. */
            trace_code?: {
                /**
                 * @description The code as printed on the package.
                 * @example (01)06901234567892(21)LJ250-0117
                 */
                code: string;
                /**
                 * @description The scheme of the code, as filed orders name it (docs/trace-codes.md).
                 * @enum {string}
                 */
                scheme: "drug" | "gs1" | "other";
            };
        };
        /**
         * @example {
         *       "message": "请提供收货时的外包装照片。"
         *     }
         */
        ComplaintMessage: {
            message: string;
        };
        /**
         * @example {
         *       "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *       "status": "done",
         *       "total": 1840,
         *       "done": 1840,
         *       "compliant": 1702,
         *       "violations": 73,
         *       "mark_violations": 4,
         *       "inconclusive": 65,
         *       "verdicts": {
         *         "compliant": 1702,
         *         "identity_missing": 61,
         *         "identity_mismatch": 12,
         *         "inconclusive": 65
         *       },
         *       "pages_per_second": 2.14,
         *       "created_at": "2026-03-02T01:00:00.412Z",
         *       "started_at": "2026-03-02T01:00:00.530Z",
         *       "finished_at": "2026-03-02T01:14:19.901Z",
         *       "error": null,
         *       "scope": {
         *         "platforms": [
         *           "alpha-mall"
         *         ],
         *         "stale_days": 30
         *       },
         *       "started_by": {
         *         "actor": "regulator:3",
         *         "name": "张明"
         *       },
         *       "cancelled_at": null,
         *       "cancelled_by": null
         *     }
         */
        Crawl: components["schemas"]["CrawlProgress"] & {
            cancelled_at: string | null;
            cancelled_by: components["schemas"]["CrawlActor"] | null;
            /** @description What the crawl was asked to cover, as a CrawlRequest names it. */
            scope: {
                /** @enum {boolean} */
                all?: true;
                platforms?: string[];
                stale_days?: number;
                stores?: {
                    platform: string;
                    seller_id: string;
                }[];
            };
            started_by: components["schemas"]["CrawlActor"];
        };
        CrawlActor: {
            /**
             * @description As recorded: 'regulator:<id>', 'cli', 'schedule' (the server's scheduled crawls), 'list:<entry id>' (a listed subject's stores).
             * @example regulator:3
             */
            actor: string;
            /** @description The regulator's name; null for the others. */
            name: string | null;
        };
        /**
         * @example {
         *       "crawls": [
         *         {
         *           "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *           "status": "done",
         *           "total": 1840,
         *           "done": 1840,
         *           "compliant": 1702,
         *           "violations": 73,
         *           "mark_violations": 4,
         *           "inconclusive": 65,
         *           "verdicts": {
         *             "compliant": 1702,
         *             "identity_missing": 61,
         *             "identity_mismatch": 12,
         *             "inconclusive": 65
         *           },
         *           "pages_per_second": 2.14,
         *           "created_at": "2026-03-02T01:00:00.412Z",
         *           "started_at": "2026-03-02T01:00:00.530Z",
         *           "finished_at": "2026-03-02T01:14:19.901Z",
         *           "error": null,
         *           "scope": {
         *             "platforms": [
         *               "alpha-mall"
         *             ],
         *             "stale_days": 30
         *           },
         *           "started_by": {
         *             "actor": "regulator:3",
         *             "name": "张明"
         *           },
         *           "cancelled_at": null,
         *           "cancelled_by": null
         *         }
         *       ],
         *       "next_cursor": "MjAyNi0wMy0wMlQwMTowMDowMC40MTJafDAxSlE1QTdDOUUxRzNKNUs3TTlQMVIzVDVW"
         *     }
         */
        CrawlList: {
            crawls: components["schemas"]["Crawl"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        CrawlProgress: {
            compliant: number;
            crawl_id: string;
            created_at: string;
            done: number;
            error: string | null;
            finished_at: string | null;
            inconclusive: number;
            /** @description Stores where a trust mark was found not genuine (forged, copied, lookalike issuer, self-hosted, expired, revoked), whatever the identity verdict. */
            mark_violations: number;
            pages_per_second: number | null;
            started_at: string | null;
            /**
             * @description queued, running, done, failed, or cancelled (POST .../cancel): a crawl cancelled while running has `finished_at` null until the stores that were in flight are recorded.
             * @enum {string}
             */
            status: "queued" | "running" | "done" | "failed" | "cancelled";
            /** @description Stores the crawl covers. */
            total: number;
            verdicts: {
                [key: string]: number;
            };
            /** @description identity_missing plus identity_mismatch. */
            violations: number;
        };
        /**
         * @description What to crawl: platforms, stores and/or stale_days (each narrows the active stores), or `"all": true` alone. `{}` is refused (400).
         * @example {
         *       "platforms": [
         *         "alpha-mall"
         *       ],
         *       "stale_days": 30
         *     }
         */
        CrawlRequest: {
            /**
             * @description Every active store of every platform. Must be said: a body naming nothing is refused. Alone: not with platforms, stores or stale_days.
             * @example true
             */
            all?: boolean;
            /**
             * @description Slugs of the platforms whose stores to verify.
             * @example [
             *       "alpha-mall"
             *     ]
             */
            platforms?: string[];
            /**
             * @description Only stores not verified within this many days.
             * @example 30
             */
            stale_days?: number;
            /** @description Individual stores to verify. */
            stores?: {
                platform: string;
                seller_id: string;
            }[];
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "store_name": "示例茶叶旗舰店",
         *       "store_url": "https://shop.example.cn/store/1001",
         *       "verdict": "compliant",
         *       "reason": null,
         *       "verification_id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *       "finished_at": "2026-03-02T01:03:27.118Z"
         *     }
         */
        CrawlResult: {
            finished_at: string | null;
            /** @description The platform's slug. */
            platform: string;
            reason: string | null;
            seller_id: string;
            store_name: string;
            store_url: string;
            /**
             * @description null: not visited (yet).
             * @enum {string|null}
             */
            verdict: "compliant" | "identity_missing" | "identity_mismatch" | "inconclusive" | null;
            /** @description Its evidence: GET /v1/regulator/stores/{platform}/{seller_id}/verifications. */
            verification_id: string | null;
        };
        /**
         * @example {
         *       "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *       "results": [
         *         {
         *           "platform": "alpha-mall",
         *           "seller_id": "S-1001",
         *           "store_name": "示例茶叶旗舰店",
         *           "store_url": "https://shop.example.cn/store/1001",
         *           "verdict": "compliant",
         *           "reason": null,
         *           "verification_id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *           "finished_at": "2026-03-02T01:03:27.118Z"
         *         }
         *       ],
         *       "next_cursor": "b3JkOjEwMA"
         *     }
         */
        CrawlResults: {
            crawl_id: string;
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
            results: components["schemas"]["CrawlResult"][];
        };
        /**
         * @example {
         *       "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *       "overall": {
         *         "visits": 1840,
         *         "verdicts": {
         *           "compliant": 1702,
         *           "identity_missing": 61,
         *           "identity_mismatch": 12,
         *           "inconclusive": 65
         *         },
         *         "reasons": {
         *           "captcha": 31,
         *           "store_closed": 22,
         *           "timeout": 12
         *         },
         *         "statuses": {
         *           "200": 1781,
         *           "404": 22,
         *           "503": 25,
         *           "error": 12
         *         },
         *         "retries": 47,
         *         "browser": 208
         *       },
         *       "hosts": {
         *         "shop.example.cn": {
         *           "visits": 1840,
         *           "verdicts": {
         *             "compliant": 1702,
         *             "identity_missing": 61,
         *             "identity_mismatch": 12,
         *             "inconclusive": 65
         *           },
         *           "reasons": {
         *             "captcha": 31,
         *             "store_closed": 22,
         *             "timeout": 12
         *           },
         *           "statuses": {
         *             "200": 1781,
         *             "404": 22,
         *             "503": 25,
         *             "error": 12
         *           },
         *           "retries": 47,
         *           "browser": 208
         *         }
         *       }
         *     }
         */
        CrawlStats: {
            crawl_id: string;
            hosts: {
                [key: string]: {
                    browser: number;
                    reasons: {
                        [key: string]: number;
                    };
                    retries: number;
                    statuses: {
                        [key: string]: number;
                    };
                    verdicts: {
                        [key: string]: number;
                    };
                    visits: number;
                };
            };
            overall: {
                browser: number;
                reasons: {
                    [key: string]: number;
                };
                retries: number;
                statuses: {
                    [key: string]: number;
                };
                verdicts: {
                    [key: string]: number;
                };
                visits: number;
            };
        };
        /**
         * @example {
         *       "text": "本店承诺依法经营，在店铺首页显著位置持续公示营业执照信息，如实描述商品，七日无理由退货。",
         *       "signatory": "陈立新",
         *       "signed_on": "2026-03-06"
         *     }
         */
        CreditCommitment: {
            /** @description Who signed for the seller. */
            signatory: string;
            /** @example 2026-03-02 */
            signed_on: string;
            text: string;
        };
        /**
         * @description An administrative penalty or licensing decision in the "double publicity" (双公示) data items. Conditional rules: see docs/double-publicity.md.
         * @example {
         *       "kind": "penalty",
         *       "decision_number": "杭市监处罚〔2026〕15号",
         *       "status": "in_force",
         *       "subject_category": "organization",
         *       "subject_name": "杭州示例商贸有限公司",
         *       "subject_uscc": "91330106673959654P",
         *       "legal_representative": "陈立新",
         *       "violation_type": "未依法公示营业执照信息",
         *       "violation_facts": "当事人经营的网店未在首页显著位置持续公示营业执照信息。",
         *       "legal_basis": "《中华人民共和国电子商务法》第七十六条第一款第一项",
         *       "penalty_categories": [
         *         "warning",
         *         "fine"
         *       ],
         *       "content": "警告，并处罚款人民币五千元。",
         *       "fine_yuan": "5000.00",
         *       "decided_on": "2026-02-10",
         *       "valid_until": "2027-02-10",
         *       "authority_name": "杭州市市场监督管理局",
         *       "authority_uscc": "11330100002489361X"
         *     }
         */
        DecisionRecord: {
            /** @description 暂扣或吊销证照名称及编号; required when a license is suspended or revoked. */
            affected_license?: string;
            /**
             * @description 处罚机关 / 许可机关.
             * @example 杭州市市场监督管理局
             */
            authority_name: string;
            /**
             * @description 处罚机关 / 许可机关统一社会信用代码.
             * @example 11330100002489361X
             */
            authority_uscc: string;
            /** @description What "other" (其他) stands for; required when a category is other. */
            category_other?: string;
            /** @description 许可证书名称; licenses only. */
            certificate_name?: string;
            /**
             * @description 没收违法所得、没收非法财物的金额, in yuan (the standard: 万元); required exactly when something is confiscated.
             * @example 12500.00
             */
            confiscated_yuan?: string;
            /** @description 处罚内容 / 许可内容. */
            content: string;
            /**
             * Format: date
             * @description 处罚决定日期 / 许可决定日期; not in the future.
             * @example 2026-03-02
             */
            decided_on: string;
            /**
             * @description 行政处罚决定书文号 / 行政许可决定文书号. With authority_uscc it identifies the decision: filing it again replaces it.
             * @example 杭市监处罚〔2026〕15号
             */
            decision_number: string;
            /**
             * @description 罚款金额, in yuan (the standard: 万元); required exactly when a category is fine.
             * @example 12500.00
             */
            fine_yuan?: string;
            /**
             * @description 证件号码 of a natural person; required for natural_person, not allowed otherwise. Never stored or shown unmasked.
             * @example 11010519491231002X
             */
            id_number?: string;
            /**
             * @description 证件类型 of a natural person; required with id_number.
             * @enum {string}
             */
            id_type?: "resident_id" | "passport" | "hk_macao_permit" | "taiwan_permit" | "foreign_permanent_residence";
            /**
             * @description 行政处罚 (penalty) or 行政许可 (license).
             * @enum {string}
             */
            kind: "penalty" | "license";
            /** @description 处罚依据 (required for penalties); the legal basis of a license (optional). */
            legal_basis?: string;
            /** @description 法定代表人 (the operator, for an individual business); not for natural_person. */
            legal_representative?: string;
            /**
             * @description 许可类别; licenses only, required.
             * @enum {string}
             */
            license_category?: "ordinary" | "concession" | "accreditation" | "approval" | "registration" | "other";
            /** @description 行政许可决定文书名称; licenses only, required. */
            license_document_name?: string;
            /** @description 许可编号; licenses only. */
            license_number?: string;
            /**
             * @description 当前状态 of a license; defaults to valid.
             * @enum {string}
             */
            license_status?: "valid" | "invalid";
            /** @description 备注. */
            note?: string;
            /**
             * @description 处罚类别, one or more; in CSV one cell separated by ";". Codes or the Chinese labels. Penalties only, required.
             * @example [
             *       "fine",
             *       "confiscate_illegal_gains"
             *     ]
             */
            penalty_categories?: ("warning" | "public_criticism" | "fine" | "confiscate_illegal_gains" | "confiscate_illegal_property" | "suspend_license" | "lower_qualification" | "revoke_license" | "restrict_business" | "suspend_business" | "order_closure" | "restrict_practice" | "administrative_detention" | "other")[];
            /**
             * Format: date
             * @description 公示截止期; penalties only.
             * @example 2026-03-02
             */
            publicity_ends_on?: string;
            /** @description 数据来源单位; with source_uscc, or neither (then the authority). */
            source_name?: string;
            /**
             * @description 数据来源单位统一社会信用代码.
             * @example 11330100002489361X
             */
            source_uscc?: string;
            /**
             * @description withdrawn (撤销) takes a filed decision out of the public view.
             * @default in_force
             * @enum {string}
             */
            status?: "in_force" | "withdrawn";
            /**
             * @description 行政相对人类别.
             * @enum {string}
             */
            subject_category: "organization" | "natural_person" | "individual_business";
            /**
             * @description 行政相对人名称.
             * @example 杭州示例商贸有限公司
             */
            subject_name: string;
            /**
             * @description 行政相对人代码 (统一社会信用代码); required for organization and individual_business, not allowed for natural_person.
             * @example 11330100002489361X
             */
            subject_uscc?: string;
            /**
             * Format: date
             * @description 有效期自; licenses only, required.
             * @example 2026-03-02
             */
            valid_from?: string;
            /**
             * Format: date
             * @description 处罚有效期 / 有效期至; required; 2099-12-31 stands for "long-term" (长期).
             * @example 2026-03-02
             */
            valid_until?: string;
            /** @description 违法事实; penalties only, required. */
            violation_facts?: string;
            /** @description 违法行为类型; penalties only, required. */
            violation_type?: string;
            /** @description Why it was withdrawn; required exactly when status is withdrawn. */
            withdrawal_reason?: string;
            /**
             * Format: date
             * @description When the decision was withdrawn (撤销); required exactly when status is withdrawn.
             * @example 2026-03-02
             */
            withdrawn_on?: string;
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "days": 365
         *     }
         */
        IssueMark: {
            /** @description Validity in days (default 365). */
            days?: number;
            platform: string;
            seller_id: string;
        };
        /**
         * @example {
         *       "assignee": "张明（杭州市市场监督管理局）"
         *     }
         */
        LeadAssignment: {
            /** @description Defaults to the caller. */
            assignee?: string;
        };
        /**
         * @example {
         *       "seller_id": "S-1001",
         *       "store_url": "https://shop.example.cn/store/1001",
         *       "goods": [
         *         {
         *           "name": "西湖龙井 250g 礼盒装",
         *           "sku": "TEA-LJ-250",
         *           "url": "https://shop.example.cn/item/88123"
         *         }
         *       ],
         *       "category": "counterfeit",
         *       "found": "品牌方鉴定该批次茶叶礼盒为假冒商品，商家无法提供品牌授权书。",
         *       "records": [
         *         "商品页面快照 2026-03-01",
         *         "品牌方鉴定意见书"
         *       ],
         *       "measures": [
         *         {
         *           "measure": "delisted_goods",
         *           "taken_on": "2026-03-01"
         *         }
         *       ],
         *       "found_on": "2026-03-01",
         *       "reference": "RISK-2026-0042"
         *     }
         */
        LeadInput: {
            /**
             * @description What kind of violation (docs/leads.md).
             * @enum {string}
             */
            category: "counterfeit" | "false_advertising" | "unlicensed" | "prohibited_goods" | "identity_mismatch" | "price_fraud" | "other";
            /** @description What was found: the violation described (10 to 5,000 characters). ID and phone numbers in it are masked before it is stored. */
            found: string;
            /**
             * Format: date
             * @description When the platform found the violation (China Standard Time); not in the future.
             * @example 2026-03-01
             */
            found_on: string;
            /** @description The goods or services concerned: 1 to 100. */
            goods: {
                /**
                 * @description The goods or service as listed.
                 * @example 某品牌运动鞋 42码
                 */
                name: string;
                /**
                 * @description The platform's id of the listing or SKU.
                 * @example SKU-88123
                 */
                sku?: string;
                /** @description The listing page (http or https). */
                url?: string;
            }[];
            /** @description The measures taken, each once (docs/leads.md). */
            measures: {
                /** @enum {string} */
                measure: "delisted_goods" | "warned_seller" | "restricted_store" | "suspended_store" | "terminated_service" | "other";
                /**
                 * Format: date
                 * @description When the measure was taken (China Standard Time).
                 * @example 2026-03-02
                 */
                taken_on?: string;
            }[];
            /** @description The measures in words; required when a measure is "other". */
            measures_note?: string;
            /** @description The records the platform kept (page snapshots, chat logs...): 1 to 50 texts. */
            records: string[];
            /**
             * @description The platform's own case number.
             * @example RISK-2026-0042
             */
            reference?: string;
            /**
             * @description A seller this platform filed (POST /v1/sellers).
             * @example S-1001
             */
            seller_id: string;
            /** @description The store's URL; when given it must be the store filed for the seller. */
            store_url?: string;
        };
        /**
         * @description A penalty or a risk warning of the lead's subject (or store) that the lead led to or fed.
         * @example {
         *       "penalty_id": "01JQ6D0F2H4K6M8P0R2T4V6X8Z",
         *       "note": "依据该线索立案查处。"
         *     }
         */
        LeadLink: {
            note?: string;
            penalty_id?: string;
            warning_id?: string;
        };
        /**
         * @example {
         *       "reason": "已立案查处并作出行政处罚，线索办结。"
         *     }
         */
        LeadReason: {
            /** @description Shown to the platform. */
            reason: string;
        };
        /**
         * @example {
         *       "subject_id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *       "reason": "通过登记的住所或者经营场所无法联系",
         *       "legal_basis": "《企业信息公示暂行条例》第十七条",
         *       "entered_on": "2026-03-03"
         *     }
         */
        ListEntryInput: {
            /**
             * @description Default: today (China Standard Time).
             * @example 2026-03-02
             */
            entered_on?: string;
            /** @description Serious list: the abnormal-list entry proposed for it after 3 years. */
            from_entry?: string;
            legal_basis: string;
            /** @description Serious list: the qualifying penalty. */
            penalty_id?: string;
            reason: string;
            subject_id: string;
        };
        /**
         * @example {
         *       "reason": "repaired",
         *       "note": "已通过登记的住所恢复联系，申请移出。"
         *     }
         */
        ListRemoval: {
            note: string;
            /** @enum {string} */
            reason: "repaired" | "error";
        };
        /**
         * @example {
         *       "mark_id": "01JQ5C9E1G3J5K7M9P1R3T5V7X",
         *       "status": "active",
         *       "origin": "https://shop.example.cn",
         *       "subject": {
         *         "id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *         "name": "杭州示例商贸有限公司",
         *         "uscc": "91330106673959654P"
         *       },
         *       "store": {
         *         "platform": "alpha-mall",
         *         "seller_id": "S-1001"
         *       },
         *       "issued_at": "2026-03-02T02:00:41.553Z",
         *       "expires_at": "2027-03-02T02:00:41.553Z",
         *       "revoked_at": null,
         *       "revoke_reason": null,
         *       "payload": {
         *         "v": 1,
         *         "issuer": "marketgate",
         *         "key_id": "20e94a7fa4a30491",
         *         "mark_id": "01JQ5C9E1G3J5K7M9P1R3T5V7X",
         *         "origin": "https://shop.example.cn",
         *         "subject": {
         *           "id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P"
         *         },
         *         "store": {
         *           "platform": "alpha-mall",
         *           "seller_id": "S-1001"
         *         },
         *         "issued_at": "2026-03-02T02:00:41.553Z",
         *         "expires_at": "2027-03-02T02:00:41.553Z"
         *       },
         *       "signature": "x1SacCo5igD9JGQ+9V3nauh9fCaOTZRyawd/xjDrwXuj/rrNjbMjfVhGhIOq9EMn7jW1g/H++nhjW4tasWQWAw==",
         *       "verification_page": "https://marketgate.example.gov.cn/marks/01JQ5C9E1G3J5K7M9P1R3T5V7X"
         *     }
         */
        Mark: {
            expires_at: string;
            issued_at: string;
            mark_id: string;
            opened_from_other_site?: boolean;
            origin: string;
            /** @description What was signed (verify its canonical JSON, RFC 8785). */
            payload: {
                [key: string]: unknown;
            };
            revoke_reason: string | null;
            revoked_at: string | null;
            /** @description Ed25519, base64, by the key at /v1/receipt-key. */
            signature: string;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            store: {
                platform: string;
                seller_id: string;
            };
            subject: {
                id: string;
                name: string;
                uscc: string | null;
            };
            verification_page: string;
        };
        /**
         * @example {
         *       "order_id": "O-20260301-0001",
         *       "platform": "alpha-mall",
         *       "version_count": 2,
         *       "current": {
         *         "filing_id": "01JQ3M5T8W2X4Y6Z8A0B2C4D6E",
         *         "filed_at": "2026-03-06T01:00:02.117Z",
         *         "status": "completed",
         *         "correction_reason": null,
         *         "record": {
         *           "order_id": "O-20260301-0001",
         *           "seller_id": "S-1001",
         *           "placed_at": "2026-03-01T10:00:00+08:00",
         *           "status": "completed",
         *           "total": "129.90",
         *           "currency": "CNY",
         *           "items": [
         *             {
         *               "sku": "TEA-LJ-250",
         *               "name": "西湖龙井 250g",
         *               "quantity": 2,
         *               "unit_price": "64.95"
         *             }
         *           ],
         *           "buyer_ref": "b7f3c2a9",
         *           "payment_method": "alipay",
         *           "ship_to_region": "330106",
         *           "completed_at": "2026-03-05T18:20:00+08:00"
         *         }
         *       },
         *       "history": [
         *         {
         *           "filing_id": "01JQ3M5T8W2X4Y6Z8A0B2C4D6E",
         *           "filed_at": "2026-03-06T01:00:02.117Z",
         *           "status": "completed",
         *           "correction_reason": null,
         *           "record": {
         *             "order_id": "O-20260301-0001",
         *             "seller_id": "S-1001",
         *             "placed_at": "2026-03-01T10:00:00+08:00",
         *             "status": "completed",
         *             "total": "129.90",
         *             "currency": "CNY",
         *             "items": [
         *               {
         *                 "sku": "TEA-LJ-250",
         *                 "name": "西湖龙井 250g",
         *                 "quantity": 2,
         *                 "unit_price": "64.95"
         *               }
         *             ],
         *             "buyer_ref": "b7f3c2a9",
         *             "payment_method": "alipay",
         *             "ship_to_region": "330106",
         *             "completed_at": "2026-03-05T18:20:00+08:00"
         *           }
         *         },
         *         {
         *           "filing_id": "01JQ3P1R3T5V7X9Z1B3D5F7H9K",
         *           "filed_at": "2026-03-01T02:05:13.881Z",
         *           "status": "paid",
         *           "correction_reason": null,
         *           "record": {
         *             "order_id": "O-20260301-0001",
         *             "seller_id": "S-1001",
         *             "placed_at": "2026-03-01T10:00:00+08:00",
         *             "status": "paid",
         *             "total": "129.90",
         *             "currency": "CNY",
         *             "items": [
         *               {
         *                 "sku": "TEA-LJ-250",
         *                 "name": "西湖龙井 250g",
         *                 "quantity": 2,
         *                 "unit_price": "64.95"
         *               }
         *             ],
         *             "buyer_ref": "b7f3c2a9",
         *             "payment_method": "alipay",
         *             "ship_to_region": "330106"
         *           }
         *         }
         *       ]
         *     }
         */
        Order: {
            current: components["schemas"]["OrderVersion"];
            /** @description Every filed state, newest first. */
            history: components["schemas"]["OrderVersion"][];
            order_id: string;
            platform: string;
            version_count: number;
        };
        /**
         * @example {
         *       "sku": "TEA-LJ-250",
         *       "name": "西湖龙井 250g",
         *       "quantity": 2,
         *       "unit_price": "64.95"
         *     }
         */
        OrderItem: {
            category?: string;
            name: string;
            quantity: number;
            sku: string;
            trace_codes?: components["schemas"]["TraceCode"][];
            /**
             * @description Decimal string in the currency, e.g. "129.90".
             * @example 129.90
             */
            unit_price: string;
        };
        /**
         * @example {
         *       "filing_id": "01JQ3P1R3T5V7X9Z1B3D5F7H9K",
         *       "filed_at": "2026-03-01T02:05:13.881Z",
         *       "status": "paid",
         *       "correction_reason": null,
         *       "record": {
         *         "order_id": "O-20260301-0001",
         *         "seller_id": "S-1001",
         *         "placed_at": "2026-03-01T10:00:00+08:00",
         *         "status": "paid",
         *         "total": "129.90",
         *         "currency": "CNY",
         *         "items": [
         *           {
         *             "sku": "TEA-LJ-250",
         *             "name": "西湖龙井 250g",
         *             "quantity": 2,
         *             "unit_price": "64.95"
         *           }
         *         ],
         *         "buyer_ref": "b7f3c2a9",
         *         "payment_method": "alipay",
         *         "ship_to_region": "330106"
         *       }
         *     }
         */
        OrderVersion: {
            correction_reason: string | null;
            filed_at: string;
            filing_id: string;
            record: {
                [key: string]: unknown;
            };
            status: string;
        };
        /**
         * @example {
         *       "year": 2026,
         *       "currency": "CNY",
         *       "threshold": "100000.00",
         *       "subjects": [
         *         {
         *           "subject_id": "01JQ2S8W0C4D6E8F0G2H4J6K8M",
         *           "net_sales": "126480.50",
         *           "sellers": [
         *             {
         *               "platform": "alpha-mall",
         *               "seller_id": "P-2001",
         *               "legal_name": "王小明",
         *               "store_name": "小明的手作小店",
         *               "store_url": "https://shop.example.cn/p/2001",
         *               "orders": 1873,
         *               "net_sales": "98210.00"
         *             },
         *             {
         *               "platform": "beta-market",
         *               "seller_id": "wx-88213",
         *               "legal_name": "王小明",
         *               "store_name": "小明手作",
         *               "store_url": "https://beta.example.cn/shop/88213",
         *               "orders": 402,
         *               "net_sales": "28270.50"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        OverThresholdReport: {
            /** @enum {string} */
            currency: "CNY";
            subjects: {
                /** @description Sales less refunds across all platforms in the year. */
                net_sales: string;
                sellers: {
                    legal_name: string;
                    net_sales: string;
                    orders: number;
                    platform: string;
                    seller_id: string;
                    store_name: string;
                    store_url: string;
                }[];
                subject_id: string;
            }[];
            /** @example 100000.00 */
            threshold: string;
            year: number;
        };
        /**
         * @example {
         *       "decision_number": "杭市监罚〔2026〕118号",
         *       "authority": "杭州市市场监督管理局",
         *       "facts": "未在网店首页显著位置持续公示营业执照信息。",
         *       "legal_basis": "《中华人民共和国电子商务法》第七十六条",
         *       "penalty": "警告，罚款人民币五千元",
         *       "severity": "moderate",
         *       "sector": "general",
         *       "decided_on": "2026-02-10",
         *       "subject_id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *       "store": {
         *         "platform": "alpha-mall",
         *         "seller_id": "S-1001"
         *       },
         *       "publish": false
         *     }
         */
        PenaltyInput: {
            authority: string;
            /** @example 2026-03-02 */
            decided_on: string;
            /** @example 京市监罚〔2026〕123号 */
            decision_number: string;
            facts: string;
            legal_basis: string;
            /** @description What was imposed, e.g. "warning; fine of CNY 20,000". */
            penalty: string;
            /**
             * @description Publish at once.
             * @default false
             */
            publish?: boolean;
            /**
             * @description food, drugs and special_equipment wait a year before repair, others 6 months.
             * @default general
             * @enum {string}
             */
            sector?: "general" | "food" | "drugs" | "special_equipment";
            /**
             * @description minor: published for 3 months (simplified procedure); moderate and serious: 3 years.
             * @enum {string}
             */
            severity: "minor" | "moderate" | "serious";
            /** @description The store the decision concerns, where it concerns one. */
            store?: {
                platform: string;
                seller_id: string;
            };
            subject_id: string;
        };
        /**
         * @example {
         *       "overturned_on": "2026-04-20",
         *       "reason": "行政复议决定撤销原处罚决定。"
         *     }
         */
        PenaltyWithdrawal: {
            /** @example 2026-03-02 */
            overturned_on: string;
            reason: string;
        };
        /**
         * @example {
         *       "kind": "refund",
         *       "message": "经核实为仓储受潮，已全额退款 129.90 元，并致歉。"
         *     }
         */
        PlatformAnswer: {
            /** @enum {string} */
            kind: "refund" | "replacement" | "explanation" | "decline";
            message: string;
        };
        /**
         * @description An RFC 9457 problem document (application/problem+json).
         * @example {
         *       "type": "urn:marketgate:problem:invalid_body",
         *       "title": "Invalid request body",
         *       "status": 400,
         *       "detail": "reason: Too small: expected string to have >=3 characters",
         *       "code": "invalid_body",
         *       "request_id": "01JQ3K7Y2M8N4P6R9S1T3V5W7X",
         *       "errors": [
         *         {
         *           "field": "reason",
         *           "message": "Too small: expected string to have >=3 characters"
         *         }
         *       ]
         *     }
         */
        Problem: {
            /**
             * @description Stable, machine-readable error code.
             * @example unauthorized
             */
            code: string;
            detail: string;
            request_id: string | null;
            status: number;
            title: string;
            /** @example urn:marketgate:problem:unauthorized */
            type: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "subject_id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *       "kind": "enterprise",
         *       "name": "杭州示例商贸有限公司",
         *       "uscc": "91330106673959654P",
         *       "credit": {
         *         "model_version": "v1",
         *         "at": "2026-03-10T02:00:00.000Z",
         *         "score": 80.8,
         *         "tier": "B",
         *         "tier_rule": "score",
         *         "explanation": [
         *           {
         *             "event_id": "01JQ6G3J5K7M9P1R3T5V7X9A1C",
         *             "kind": "penalty",
         *             "severity": "moderate",
         *             "occurred_at": "2026-02-10",
         *             "weight": -20,
         *             "decay": 0.96,
         *             "points": -19.2
         *           }
         *         ]
         *       },
         *       "stores": [
         *         {
         *           "platform": "alpha-mall",
         *           "platform_name": "阿尔法商城",
         *           "store_name": "示例茶叶旗舰店",
         *           "store_url": "https://shop.example.cn/store/1001",
         *           "status": "active"
         *         }
         *       ],
         *       "lists": [],
         *       "penalties": [
         *         {
         *           "decision_number": "杭市监罚〔2026〕118号",
         *           "authority": "杭州市市场监督管理局",
         *           "facts": "未在网店首页显著位置持续公示营业执照信息。",
         *           "legal_basis": "《中华人民共和国电子商务法》第七十六条",
         *           "penalty": "警告，罚款人民币五千元",
         *           "severity": "moderate",
         *           "decided_on": "2026-02-10",
         *           "published_at": "2026-03-04T01:30:00.118Z",
         *           "public_until": "2029-03-04"
         *         }
         *       ],
         *       "licenses": [],
         *       "latest_verification": {
         *         "verification_id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *         "platform": "alpha-mall",
         *         "seller_id": "S-1001",
         *         "store_url": "https://shop.example.cn/store/1001",
         *         "verdict": "compliant",
         *         "reason": null,
         *         "finished_at": "2026-03-02T01:03:27.118Z"
         *       },
         *       "marks": [
         *         {
         *           "mark_id": "01JQ5C9E1G3J5K7M9P1R3T5V7X",
         *           "origin": "https://shop.example.cn",
         *           "status": "active",
         *           "issued_at": "2026-03-02T02:00:41.553Z",
         *           "expires_at": "2027-03-02T02:00:41.553Z",
         *           "verification_page": "https://marketgate.example.gov.cn/marks/01JQ5C9E1G3J5K7M9P1R3T5V7X"
         *         }
         *       ],
         *       "complaints": {
         *         "received": 3,
         *         "closed": 2,
         *         "substantiated": 1,
         *         "orders_filed": 48210,
         *         "per_thousand_orders": 0.062,
         *         "share_substantiated": 0.5,
         *         "share_answered_in_time": 1,
         *         "stores": []
         *       },
         *       "narratives": []
         *     }
         */
        PublicCredit: {
            /** @description Complaints received, per thousand filed orders, share substantiated (of closed), share answered in time; for the subject and each store. */
            complaints: {
                [key: string]: unknown;
            };
            credit: {
                at: string;
                /** @description The public events that moved the score. */
                explanation: {
                    decay: number;
                    event_id: string;
                    kind: string;
                    occurred_at: string;
                    points: number;
                    severity: string;
                    weight: number;
                }[];
                model_version: string;
                score: number;
                /** @enum {string} */
                tier: "A" | "B" | "C" | "D";
                /** @enum {string} */
                tier_rule: "score" | "serious_list" | "abnormal_list";
            };
            /** @enum {string} */
            kind: "enterprise" | "individual_business" | "natural_person";
            latest_verification: {
                finished_at: string;
                platform: string;
                reason: string | null;
                seller_id: string;
                store_url: string;
                verdict: string;
                verification_id: string;
            } | null;
            licenses: {
                authority: string;
                content: string;
                decided_on: string;
                decision_number: string;
                license_category: string;
                license_number: string | null;
                valid_from: string | null;
                valid_until: string | null;
            }[];
            lists: {
                ends_on: string | null;
                entered_on: string;
                legal_basis: string;
                /** @enum {string} */
                list: "abnormal" | "serious";
                reason: string;
            }[];
            marks: {
                expires_at: string;
                issued_at: string;
                mark_id: string;
                origin: string;
                status: string;
                verification_page: string;
            }[];
            /** @description A natural person's name is masked (张**). */
            name: string;
            /** @description Closed complaints published with consent, personal data scrubbed. */
            narratives: {
                category: string;
                narrative: string;
                outcome: string | null;
                submitted_on: string;
            }[];
            penalties: {
                authority: string;
                decided_on: string;
                decision_number: string;
                facts: string;
                legal_basis: string;
                penalty: string;
                public_until: string;
                published_at: string;
                severity: string;
            }[];
            stores: {
                platform: string;
                platform_name: string;
                status: string;
                store_name: string;
                store_url: string;
            }[];
            subject_id: string;
            uscc: string | null;
        };
        /**
         * @example {
         *       "query": "杭州示例",
         *       "matched_by": "name",
         *       "total": 1,
         *       "limit": 20,
         *       "offset": 0,
         *       "next_offset": null,
         *       "subjects": [
         *         {
         *           "subject_id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *           "kind": "enterprise",
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P",
         *           "tier": "B",
         *           "score": 80.8,
         *           "stores": [
         *             {
         *               "platform": "alpha-mall",
         *               "store_name": "示例茶叶旗舰店",
         *               "store_url": "https://shop.example.cn/store/1001"
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        PublicCreditSearch: {
            limit: number;
            /** @enum {string} */
            matched_by: "uscc" | "store_url" | "name";
            /** @description The offset of the next page; null when this is the last. */
            next_offset: number | null;
            offset: number;
            query: string;
            subjects: {
                kind: string;
                name: string;
                score: number;
                stores: {
                    platform: string;
                    store_name: string;
                    store_url: string;
                }[];
                subject_id: string;
                /** @enum {string} */
                tier: "A" | "B" | "C" | "D";
                uscc: string | null;
            }[];
            /** @description How many subjects the query finds in all. */
            total: number;
        };
        /**
         * @example {
         *       "reason": "已履行行政处罚决定，完成整改并提交信用承诺。"
         *     }
         */
        Reason: {
            reason: string;
        };
        /**
         * @example {
         *       "recall_id": "01JQ3A5B7C9D1E3F5G7H9J1K3M",
         *       "scheme": "drug",
         *       "codes": 0,
         *       "code_prefix": "8123456001",
         *       "reason": "批次 20260915 含量不合格，召回。",
         *       "legal_basis": "《药品管理法》第八十二条",
         *       "recalled_at": "2026-12-01T03:00:00.000Z",
         *       "recalled_by": "regulator:zhang.wei",
         *       "codes_sold": 412,
         *       "orders": 398,
         *       "platforms": [
         *         {
         *           "platform": "alpha-mall",
         *           "orders": 398,
         *           "codes": 412,
         *           "event_seq": 1042
         *         }
         *       ]
         *     }
         */
        Recall: {
            code_prefix: string | null;
            /** @description Codes named (0 for a prefix). */
            codes: number;
            /** @description Recalled codes found sold. */
            codes_sold: number;
            legal_basis: string;
            /** @description Orders that sold them (cancelled ones sold nothing). */
            orders: number;
            platforms: {
                codes: number;
                /** @description The product.recalled event that told it. */
                event_seq: number;
                orders: number;
                platform: string;
            }[];
            reason: string;
            recall_id: string;
            recalled_at: string;
            recalled_by: string;
            /** @enum {string} */
            scheme: "drug" | "gs1" | "other";
        };
        /**
         * @example {
         *       "scheme": "drug",
         *       "code_prefix": "8123456001",
         *       "reason": "批次 20260915 含量不合格，召回。",
         *       "legal_basis": "《药品管理法》第八十二条"
         *     }
         */
        RecallRequest: {
            /** @description Every code starting with it (at least 6 characters): a drug's 7-digit product identifier and the start of its serials, a GS1 "(01)" and GTIN. */
            code_prefix?: string;
            /** @description The recalled codes (or code_prefix). */
            codes?: string[];
            legal_basis: string;
            reason: string;
            /** @description One of drug, gs1, other. */
            scheme: string;
        };
        /**
         * @description Signed proof of a filing.
         * @example {
         *       "filing_id": "01JQ3M5T8W2X4Y6Z8A0B2C4D6E",
         *       "platform": "alpha-mall",
         *       "kind": "sellers",
         *       "received_at": "2026-03-02T01:15:42.318Z",
         *       "body_sha256": "9febeb0371787f56fa238f261b2447228020ff2c88d6b9f30de08b1ef1c221c0",
         *       "idempotency_key": "sellers-2026-03-02-batch-1",
         *       "atomic": false,
         *       "applied": true,
         *       "counts": {
         *         "received": 3,
         *         "created": 2,
         *         "updated": 0,
         *         "unchanged": 0,
         *         "rejected": 1
         *       },
         *       "errors_sha256": "3b1f6e2c0a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f",
         *       "warnings_sha256": "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
         *       "problems": {
         *         "kept_limit": 10000,
         *         "errors": {
         *           "total": 1,
         *           "kept": 1,
         *           "by_code": {
         *             "invalid_uscc": 1
         *           }
         *         },
         *         "warnings": {
         *           "total": 0,
         *           "kept": 0,
         *           "by_code": {}
         *         }
         *       },
         *       "key_id": "20e94a7fa4a30491",
         *       "signature": "rhYJ/5/yBuw7KvNmshm8283HZ/YNaE0iyj8ZifNFoPtVX87wCyqam4a9TmR45aoyzp1iQzAm7Yq/M9hJfb0pCA==",
         *       "errors": [
         *         {
         *           "index": 2,
         *           "seller_id": "S-1003",
         *           "field": "uscc",
         *           "code": "invalid_uscc",
         *           "message": "is not a valid unified social credit code (GB 32100-2015)"
         *         }
         *       ],
         *       "warnings": []
         *     }
         */
        Receipt: {
            /** @description False when an atomic filing was refused as a whole. */
            applied: boolean;
            atomic: boolean;
            /** @description SHA-256 (hex) of the raw request body. */
            body_sha256: string;
            counts: {
                created: number;
                received: number;
                rejected: number;
                unchanged: number;
                updated: number;
            };
            errors: components["schemas"]["RecordError"][];
            errors_page?: {
                limit: number;
                next: string | null;
                offset: number;
                total: number;
            };
            /** @description SHA-256 of the canonical JSON of the listed errors. */
            errors_sha256: string;
            /** @example 01JH3X8K6Q2M7N4P5R6S7T8V9W */
            filing_id: string;
            idempotency_key: string | null;
            /** @description Fingerprint of the signing key (see /v1/receipt-key). */
            key_id: string;
            /** @enum {string} */
            kind: "sellers" | "transactions" | "decisions";
            /**
             * @description The slug of the platform (or department) that filed.
             * @example shop-one
             */
            platform: string;
            /** @description Every error and warning found, by code, and how many are listed. Signed. */
            problems?: {
                errors: {
                    /**
                     * @example {
                     *       "missing_field": 3
                     *     }
                     */
                    by_code: {
                        [key: string]: number;
                    };
                    /** @description Listed in full (errors, and their pages). */
                    kept: number;
                    /** @description Found in the whole body. */
                    total: number;
                };
                /**
                 * @description Errors (and warnings) a filing lists in full; past them each is only counted by its code.
                 * @example 10000
                 */
                kept_limit: number;
                warnings: {
                    /**
                     * @example {
                     *       "missing_field": 3
                     *     }
                     */
                    by_code: {
                        [key: string]: number;
                    };
                    /** @description Listed in full (errors, and their pages). */
                    kept: number;
                    /** @description Found in the whole body. */
                    total: number;
                };
            };
            /** Format: date-time */
            received_at: string;
            /** @description Ed25519 (base64) over the RFC 8785 canonical JSON of every member except signature, errors, warnings and errors_page. */
            signature: string;
            warnings: components["schemas"]["RecordError"][];
            warnings_sha256: string;
        };
        /**
         * @example {
         *       "key_id": "20e94a7fa4a30491",
         *       "algorithm": "Ed25519",
         *       "public_key_pem": "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAytsn8n6S4WxyTw3ykw61bx/YZl68JzB4LkXx+MvTGas=\n-----END PUBLIC KEY-----\n"
         *     }
         */
        ReceiptKey: {
            /** @enum {string} */
            algorithm: "Ed25519";
            key_id: string;
            public_key_pem: string;
        };
        RecordError: {
            /**
             * @description Stable code: missing_field, invalid_type, invalid_format, invalid_enum, invalid_uscc, invalid_id_number, invalid_url, invalid_date, invalid_phone, control_character, too_long, unknown_field, field_not_allowed, duplicate_in_filing, malformed_json, invalid_encoding, record_too_large, record_too_deep, wrong_column_count; for orders also invalid_time, invalid_currency, invalid_amount, invalid_items, too_small, too_large, invalid_region, personal_data_in_pseudonym, unknown_seller, immutable_field_changed; for decisions also invalid_amount, decision_of_another_department, immutable_field_changed (kind). A record gets one error per field that fails, for every such field. Warnings: total_mismatch (orders), subject_on_blacklist (sellers).
             * @example invalid_uscc
             */
            code: string;
            decision_number?: string | null;
            /** @example uscc */
            field: string | null;
            /** @description 0-based position in a JSON array body. */
            index?: number;
            /** @description 1-based line of an NDJSON or CSV body. */
            line?: number;
            message: string;
            order_id?: string | null;
            seller_id?: string | null;
        };
        /**
         * @example {
         *       "type": "mediate",
         *       "message": "平台未在期限内妥善处理，转入调解。"
         *     }
         */
        RegulatorStep: {
            message?: string;
            /** @enum {string} */
            type: "accept";
        } | {
            message?: string;
            /** @enum {string} */
            reason: "not_consumer_dispute" | "outside_jurisdiction" | "handled_elsewhere" | "duplicate" | "time_barred" | "insufficient_information" | "other";
            /** @enum {string} */
            type: "reject";
        } | {
            message?: string;
            /** @enum {string} */
            type: "forward";
        } | {
            message?: string;
            /** @enum {string} */
            type: "mediate";
        } | {
            message?: string;
            /** @enum {string} */
            outcome: "resolved_for_consumer" | "partially_resolved" | "unsubstantiated" | "withdrawn" | "mediation_failed";
            /** @enum {string} */
            type: "close";
        } | {
            message: string;
            /** @enum {string} */
            type: "substantiate";
        } | {
            message: string;
            /** @enum {string} */
            type: "message";
        };
        /**
         * @example {
         *       "reason": "店铺被列入经营异常名录，撤销认证标识。"
         *     }
         */
        RevokeMark: {
            reason: string;
        };
        /**
         * @description Exactly one of penalty_id and list_entry_id (of the warning's subject) for a warning about a subject or store.
         * @example {
         *       "reason": "经核查，该店铺组织刷单虚构交易，已立案处罚。",
         *       "penalty_id": "01JQ6D0F2H4K6M8P0R2T4V6X8Z"
         *     }
         */
        RiskConfirmation: {
            list_entry_id?: string;
            penalty_id?: string;
            reason: string;
        };
        /**
         * @example {
         *       "seller_id": "S-1001",
         *       "platform": "alpha-mall",
         *       "subject_id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
         *       "version": 2,
         *       "version_count": 2,
         *       "filing_id": "01JQ3M5T8W2X4Y6Z8A0B2C4D6E",
         *       "first_filed_at": "2026-01-05T02:30:11.204Z",
         *       "updated_at": "2026-03-02T01:15:42.318Z",
         *       "record": {
         *         "seller_id": "S-1001",
         *         "subject_type": "enterprise",
         *         "legal_name": "杭州示例商贸有限公司",
         *         "uscc": "91330106673959654P",
         *         "contact_phone": "138****8000",
         *         "store_name": "示例茶叶旗舰店",
         *         "store_url": "https://shop.example.cn/store/1001",
         *         "status": "active"
         *       }
         *     }
         */
        Seller: {
            /** @description The filing that brought this version. */
            filing_id: string;
            first_filed_at: string;
            platform: string;
            /** @description The record as filed, normalised; id_number and contact_phone masked. */
            record: {
                [key: string]: unknown;
            };
            seller_id: string;
            /** @description The market subject this seller is linked to. */
            subject_id: string;
            updated_at: string;
            version: number;
            version_count: number;
        };
        /**
         * @description A seller and its store. Conditional rules: uscc is required for enterprise and individual_business; id_number and exemption_reason are required for natural_person; id_number is allowed only for natural_person; closed_at is not before opened_at.
         * @example {
         *       "seller_id": "S-1001",
         *       "subject_type": "enterprise",
         *       "legal_name": "杭州示例商贸有限公司",
         *       "uscc": "91330106673959654P",
         *       "contact_phone": "13800138000",
         *       "store_name": "示例茶叶旗舰店",
         *       "store_url": "https://shop.example.cn/store/1001",
         *       "status": "active",
         *       "opened_at": "2024-03-01"
         *     }
         */
        SellerRecord: {
            address?: string;
            category?: string;
            /**
             * Format: date
             * @description When the store closed.
             * @example 2024-03-01
             */
            closed_at?: string;
            /**
             * @description Encrypted at rest, never shown unmasked.
             * @example 13800138000
             */
            contact_phone?: string;
            /** @description Why a natural person is not registered; required for natural_person. */
            exemption_reason?: string;
            /**
             * @description Resident ID number (GB 11643); required for natural_person, not allowed otherwise. Encrypted at rest, never shown unmasked.
             * @example 11010519491231002X
             */
            id_number?: string;
            /**
             * @description Registered name (or, for a natural person, the name on the ID card).
             * @example 杭州示例商贸有限公司
             */
            legal_name: string;
            legal_representative?: string;
            /**
             * @description Where the store shows its business license.
             * @example https://shop.example.cn/store/1001
             */
            license_url?: string;
            /**
             * Format: date
             * @description When the store opened.
             * @example 2024-03-01
             */
            opened_at?: string;
            /**
             * @description The platform's own id of the seller.
             * @example S-1001
             */
            seller_id: string;
            /**
             * @default active
             * @enum {string}
             */
            status?: "active" | "suspended" | "closed";
            /** @example 示例旗舰店 */
            store_name: string;
            /**
             * @description The store homepage, absolute http(s); normalised.
             * @example https://shop.example.cn/store/1001
             */
            store_url: string;
            /**
             * @description What kind of market subject runs the store.
             * @enum {string}
             */
            subject_type: "enterprise" | "individual_business" | "natural_person";
            /**
             * @description Unified social credit code; required for enterprise and individual_business. Full-width characters and spaces are normalised first.
             * @example 91330106673959654P
             */
            uscc?: string;
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "episodes": [
         *         {
         *           "id": "01JQ5D0F2H4K6M8P0R2T4V6X8Z",
         *           "about": "identity",
         *           "mark": null,
         *           "violation": "identity_mismatch/uscc/91110108795101314G",
         *           "kind": "verification_identity_mismatch",
         *           "severity": "serious",
         *           "opened_at": "2026-01-12T01:05:40.227Z",
         *           "last_seen_at": "2026-02-09T01:07:02.913Z",
         *           "closed_at": "2026-03-02T01:03:27.118Z",
         *           "close_reason": "resolved",
         *           "seen": 2,
         *           "verifications": [
         *             {
         *               "verification_id": "01JQ1A2B3C4D5E6F7G8H9J0K1M",
         *               "credit_event_id": "01JQ1A2B3C4D5E6F7G8H9J0K1N"
         *             },
         *             {
         *               "verification_id": "01JQ3B4C5D6E7F8G9H0J1K2M3N",
         *               "credit_event_id": null
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        StoreEpisodes: {
            episodes: components["schemas"]["ViolationEpisode"][];
            platform: string;
            seller_id: string;
        };
        /**
         * @example {
         *       "platform": "alpha-mall",
         *       "seller_id": "S-1001",
         *       "verifications": [
         *         {
         *           "id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *           "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *           "seller_version": 2,
         *           "url": "https://shop.example.cn/store/1001",
         *           "final_url": "https://shop.example.cn/store/1001",
         *           "status": 200,
         *           "verdict": "compliant",
         *           "detail": "the page shows the filed identity",
         *           "mode": "static",
         *           "found": {
         *             "names": [
         *               "杭州示例商贸有限公司"
         *             ],
         *             "usccs": [
         *               {
         *                 "code": "91330106673959654P",
         *                 "valid": true,
         *                 "source": "text"
         *               }
         *             ],
         *             "registration_numbers": [],
         *             "license_links": [],
         *             "license_images": []
         *           },
         *           "comparison": {
         *             "name": "match",
         *             "uscc": "match",
         *             "filed": {
         *               "name": "杭州示例商贸有限公司",
         *               "uscc": "91330106673959654P"
         *             },
         *             "shown": {
         *               "name": "杭州示例商贸有限公司",
         *               "uscc": "91330106673959654P"
         *             }
         *           },
         *           "evidence": [
         *             {
         *               "kind": "raw",
         *               "sha256": "a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f",
         *               "size": 50812,
         *               "media_type": "text/html; charset=utf-8",
         *               "url": "/v1/regulator/verifications/01JQ5B8D0F2H4K6M8P0R2T4V6X/evidence/a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f"
         *             }
         *           ],
         *           "visits": [
         *             {
         *               "kind": "page",
         *               "url": "https://shop.example.cn/store/1001",
         *               "attempt": 1,
         *               "status": 200,
         *               "started_at": "2026-03-02T01:03:26.802Z",
         *               "timings_ms": {
         *                 "headers": 74.2,
         *                 "total": 301.5
         *               }
         *             }
         *           ],
         *           "retries": 0,
         *           "truncated": false,
         *           "crawler": {
         *             "name": "marketgate-verifier",
         *             "version": "0.1.0",
         *             "user_agent": "Mozilla/5.0 (compatible; marketgate-verifier/0.1.0; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)"
         *           },
         *           "started_at": "2026-03-02T01:03:26.790Z",
         *           "finished_at": "2026-03-02T01:03:27.118Z"
         *         }
         *       ]
         *     }
         */
        StoreVerifications: {
            platform: string;
            seller_id: string;
            verifications: components["schemas"]["Verification"][];
        };
        /**
         * @example {
         *       "legal_name": "杭州示例商贸有限公司",
         *       "reason": "核对国家企业信用信息公示系统登记名称"
         *     }
         */
        SubjectNameConfirmation: {
            /**
             * @description The name the subject is shown under from now on, whatever platforms file (a natural person’s is shown masked).
             * @example 杭州示例商贸有限公司
             */
            legal_name: string;
            /** @example 核对国家企业信用信息公示系统登记名称 */
            reason: string;
        };
        /**
         * @example {
         *       "scheme": "drug",
         *       "code": "81234560012345678901",
         *       "result": "sold_more_than_once",
         *       "sale": null,
         *       "sales": {
         *         "count": 2,
         *         "first_month": "2026-10",
         *         "last_month": "2026-11",
         *         "stores": [
         *           {
         *             "platform": "alpha-mall",
         *             "platform_name": "示例商城",
         *             "seller_id": "S-1001",
         *             "store_name": "杭州示例茶叶店",
         *             "store_url": "https://shop.example.cn/s/1001",
         *             "credit_page": "https://gateway.example.cn/credit/01JQ2S8W0C4D6E8F0G2H4J6K8M",
         *             "verification": {
         *               "verdict": "compliant",
         *               "finished_at": "2026-11-20T02:14:07.000Z"
         *             },
         *             "sales": 1
         *           },
         *           {
         *             "platform": "alpha-mall",
         *             "platform_name": "示例商城",
         *             "seller_id": "S-2040",
         *             "store_name": "某某大药房",
         *             "store_url": "https://shop.example.cn/s/2040",
         *             "credit_page": null,
         *             "verification": null,
         *             "sales": 1
         *           }
         *         ],
         *         "stores_total": 2
         *       },
         *       "returned_and_resold": 0,
         *       "recall": null,
         *       "meaning": "This code was sold more than once. A code is printed on one box: a second sale may mean a box sold again after use, or a counterfeit carrying a copied code."
         *     }
         */
        TraceCheck: {
            code: string;
            /** @description What the result may mean and what to do, in plain words. */
            meaning: string;
            /** @description The recall that names this code, if one does. */
            recall: {
                legal_basis: string;
                reason: string;
                recall_id: string;
                recalled_at: string;
            } | null;
            /** @enum {string} */
            result: "not_found" | "sold_once" | "sold_more_than_once";
            /** @description Sales refunded and followed by a sale of the same store: the box came back and was sold again. Not counted twice. */
            returned_and_resold: number;
            /** @description With sold_once: who sold it, when and what. */
            sale: {
                category: string | null;
                /** @description The store's market subject's public credit page. */
                credit_page: string | null;
                /** @description The month of the sale (China Standard Time). */
                month: string;
                platform: string;
                platform_name: string;
                seller_id: string;
                store_name: string | null;
                store_url: string | null;
                /** @description The latest crawl's verdict on the store: does it show its real-name identity. */
                verification: {
                    finished_at: string;
                    verdict: string;
                } | null;
            } | null;
            /** @description With sold_more_than_once: how many sales, the first and last month, and the stores (at most 20, most sales first). */
            sales: {
                count: number;
                first_month: string;
                last_month: string;
                stores: {
                    /** @description The store's market subject's public credit page. */
                    credit_page: string | null;
                    platform: string;
                    platform_name: string;
                    sales: number;
                    seller_id: string;
                    store_name: string | null;
                    store_url: string | null;
                    /** @description The latest crawl's verdict on the store: does it show its real-name identity. */
                    verification: {
                        finished_at: string;
                        verdict: string;
                    } | null;
                }[];
                stores_total: number;
            } | null;
            /** @enum {string} */
            scheme: "drug" | "gs1" | "other";
        };
        /**
         * @description A code on one unit of the item: scheme drug, gs1, other (docs/trace-codes.md).
         * @example {
         *       "scheme": "drug",
         *       "code": "81234560012345678901"
         *     }
         */
        TraceCode: {
            code: string;
            scheme: string;
        };
        /**
         * @example {
         *       "order_id": "O-20260301-0001",
         *       "seller_id": "S-1001",
         *       "placed_at": "2026-03-01T10:00:00+08:00",
         *       "status": "paid",
         *       "total": "129.90",
         *       "currency": "CNY",
         *       "items": [
         *         {
         *           "sku": "TEA-LJ-250",
         *           "name": "西湖龙井 250g",
         *           "quantity": 2,
         *           "unit_price": "64.95"
         *         }
         *       ],
         *       "buyer_ref": "b7f3c2a9",
         *       "payment_method": "alipay",
         *       "ship_to_region": "330106"
         *     }
         */
        TransactionRecord: {
            /**
             * @description The platform's opaque pseudonym of the buyer. Never a phone, ID number or e-mail.
             * @example b7f3c2a9
             */
            buyer_ref: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:15:00+08:00
             */
            completed_at?: string;
            /** @description Required to change seller_id or placed_at of an order already filed; kept in its history. */
            correction_reason?: string;
            /** @example CNY */
            currency: string;
            items: components["schemas"]["OrderItem"][];
            /** @example O-20261124-0001 */
            order_id: string;
            payment_method?: string;
            /**
             * Format: date-time
             * @description When the order was placed; not in the future.
             * @example 2026-11-24T10:15:00+08:00
             */
            placed_at: string;
            /**
             * @description Amount refunded; required for partially_refunded, defaults to the total for refunded.
             * @example 129.90
             */
            refunded_amount?: string;
            /**
             * @description A seller this platform has filed.
             * @example S-1001
             */
            seller_id: string;
            /**
             * @description GB/T 2260 division code of the delivery address; its first two digits must be a province.
             * @example 330106
             */
            ship_to_region?: string;
            /** @enum {string} */
            status: "created" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded" | "partially_refunded";
            /**
             * @description Decimal string in the currency, e.g. "129.90".
             * @example 129.90
             */
            total: string;
            /**
             * Format: date-time
             * @example 2026-11-24T10:15:00+08:00
             */
            updated_at?: string;
        };
        /**
         * @example {
         *       "id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *       "crawl_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V",
         *       "seller_version": 2,
         *       "url": "https://shop.example.cn/store/1001",
         *       "final_url": "https://shop.example.cn/store/1001",
         *       "status": 200,
         *       "verdict": "compliant",
         *       "detail": "the page shows the filed identity",
         *       "mode": "static",
         *       "found": {
         *         "names": [
         *           "杭州示例商贸有限公司"
         *         ],
         *         "usccs": [
         *           {
         *             "code": "91330106673959654P",
         *             "valid": true,
         *             "source": "text"
         *           }
         *         ],
         *         "registration_numbers": [],
         *         "license_links": [],
         *         "license_images": []
         *       },
         *       "comparison": {
         *         "name": "match",
         *         "uscc": "match",
         *         "filed": {
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P"
         *         },
         *         "shown": {
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P"
         *         }
         *       },
         *       "evidence": [
         *         {
         *           "kind": "raw",
         *           "sha256": "a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f",
         *           "size": 50812,
         *           "media_type": "text/html; charset=utf-8",
         *           "url": "/v1/regulator/verifications/01JQ5B8D0F2H4K6M8P0R2T4V6X/evidence/a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f"
         *         }
         *       ],
         *       "visits": [
         *         {
         *           "kind": "page",
         *           "url": "https://shop.example.cn/store/1001",
         *           "attempt": 1,
         *           "status": 200,
         *           "started_at": "2026-03-02T01:03:26.802Z",
         *           "timings_ms": {
         *             "headers": 74.2,
         *             "total": 301.5
         *           }
         *         }
         *       ],
         *       "retries": 0,
         *       "truncated": false,
         *       "crawler": {
         *         "name": "marketgate-verifier",
         *         "version": "0.1.0",
         *         "user_agent": "Mozilla/5.0 (compatible; marketgate-verifier/0.1.0; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)"
         *       },
         *       "started_at": "2026-03-02T01:03:26.790Z",
         *       "finished_at": "2026-03-02T01:03:27.118Z"
         *     }
         */
        Verification: {
            browser?: {
                version: string;
            };
            comparison: {
                filed: {
                    name: string;
                    uscc: string | null;
                };
                /** @enum {string} */
                name: "match" | "mismatch" | "absent" | "not_filed";
                shown: {
                    name: string | null;
                    uscc: string | null;
                };
                /** @enum {string} */
                uscc: "match" | "mismatch" | "invalid_check_character" | "absent" | "not_filed";
            };
            crawl_id: string | null;
            crawler: {
                name: string;
                user_agent: string;
                version: string;
            };
            detail: string;
            evidence: {
                /** @enum {string} */
                kind: "raw" | "rendered" | "screenshot" | "license_image" | "ocr";
                media_type: string;
                sha256: string;
                size: number;
                /** @description Where to download it. */
                url: string;
            }[];
            final_url: string | null;
            finished_at: string;
            found: {
                [key: string]: unknown;
            };
            id: string;
            /** @enum {string} */
            mode: "static" | "browser";
            /** @description Why the verdict is inconclusive: unreachable, timeout, blocked_by_robots, robots_unavailable, http_error, store_closed, too_many_redirects, not_html, too_large, captcha, image_only, legacy_registration_number, license_link_unverified, render_failed, extraction_failed. */
            reason?: string;
            retries: number;
            /** @description The version of the filing the page was compared with. */
            seller_version: number;
            started_at: string;
            status: number | null;
            truncated: boolean;
            url: string;
            /** @enum {string} */
            verdict: "compliant" | "identity_missing" | "identity_mismatch" | "inconclusive";
            visits: {
                [key: string]: unknown;
            }[];
        } & {
            [key: string]: unknown;
        };
        /**
         * @example {
         *       "id": "01JQ5D0F2H4K6M8P0R2T4V6X8Z",
         *       "about": "identity",
         *       "mark": null,
         *       "violation": "identity_mismatch/uscc/91110108795101314G",
         *       "kind": "verification_identity_mismatch",
         *       "severity": "serious",
         *       "opened_at": "2026-01-12T01:05:40.227Z",
         *       "last_seen_at": "2026-02-09T01:07:02.913Z",
         *       "closed_at": "2026-03-02T01:03:27.118Z",
         *       "close_reason": "resolved",
         *       "seen": 2,
         *       "verifications": [
         *         {
         *           "verification_id": "01JQ1A2B3C4D5E6F7G8H9J0K1M",
         *           "credit_event_id": "01JQ1A2B3C4D5E6F7G8H9J0K1N"
         *         },
         *         {
         *           "verification_id": "01JQ3B4C5D6E7F8G9H0J1K2M3N",
         *           "credit_event_id": null
         *         }
         *       ]
         *     }
         */
        ViolationEpisode: {
            /** @enum {string} */
            about: "identity" | "mark";
            /** @enum {string|null} */
            close_reason: "resolved" | "replaced" | "gone" | null;
            closed_at: string | null;
            id: string;
            kind: string;
            last_seen_at: string;
            /** @description The mark's issuer and id (or address); null for the identity. */
            mark: string | null;
            opened_at: string;
            /** @description Verifications that found it. */
            seen: number;
            /** @enum {string} */
            severity: "minor" | "moderate" | "serious";
            verifications: {
                /** @description The credit event this verification wrote for the episode, if any. */
                credit_event_id: string | null;
                verification_id: string;
            }[];
            /**
             * @description What was found: identity_missing, identity_mismatch/<field>[/<code shown>], or a mark verdict.
             * @example identity_mismatch/uscc/91110108795101314G
             */
            violation: string;
        };
        /**
         * @example {
         *       "url": "https://hooks.alpha-mall.example.cn/marketgate",
         *       "events": [
         *         "complaint.forwarded",
         *         "list.entered"
         *       ]
         *     }
         */
        WebhookRegistration: {
            events: ("list.entered" | "list.removed" | "penalty.published" | "penalty.withdrawn" | "mark.revoked" | "verification.violation" | "complaint.forwarded" | "assistance.requested" | "license.published" | "product.recalled")[];
            url: string;
        };
        /**
         * @example {
         *       "worker": {
         *         "name": "crawler-hz-01"
         *       },
         *       "redis_prefix": "mg:",
         *       "crawl": {
         *         "spacing_ms": 1000,
         *         "concurrency": 16,
         *         "timeout_ms": 15000,
         *         "allow_private_addresses": false,
         *         "lease_ms": 180000
         *       },
         *       "issuers": [
         *         {
         *           "id": "gsxt-electronic-license",
         *           "name": "电子营业执照 (国家企业信用信息公示系统)",
         *           "hosts": [
         *             "*.gsxt.gov.cn",
         *             "gsxt.gov.cn"
         *           ],
         *           "claims": [
         *             "电子营业执照",
         *             "gsxt"
         *           ],
         *           "id_from": {
         *             "query": [
         *               "uniscid",
         *               "entyId",
         *               "id"
         *             ]
         *           },
         *           "confirm": {
         *             "kind": "none"
         *           }
         *         }
         *       ]
         *     }
         */
        WorkerConfig: {
            crawl: {
                allow_private_addresses: boolean;
                /** @description Requests in flight at once, the whole fleet together. */
                concurrency: number;
                /** @description A job whose worker fell silent this long is taken by another. */
                lease_ms: number;
                /** @description Least time between two requests to one host, for the fleet. */
                spacing_ms: number;
                timeout_ms: number;
            };
            /** @description Trust-mark issuers to recognise (crawlers/marks/types.ts IssuerEntry). */
            issuers: {
                [key: string]: unknown;
            }[];
            /** @description Prefix of the fleet's keys in Redis. */
            redis_prefix: string;
            worker: {
                name: string;
            };
        };
        /**
         * @example {
         *       "job_id": "01JQ5A7C9E1G3J5K7M9P1R3T5V:17",
         *       "verification": {
         *         "url": "https://shop.example.cn/store/1001",
         *         "final_url": "https://shop.example.cn/store/1001",
         *         "status": 200,
         *         "verdict": "compliant",
         *         "detail": "the page shows the filed identity",
         *         "mode": "static",
         *         "found": {
         *           "names": [
         *             "杭州示例商贸有限公司"
         *           ],
         *           "usccs": [
         *             {
         *               "code": "91330106673959654P",
         *               "valid": true,
         *               "source": "text"
         *             }
         *           ],
         *           "registration_numbers": [],
         *           "license_links": [],
         *           "license_images": []
         *         },
         *         "comparison": {
         *           "name": "match",
         *           "uscc": "match",
         *           "filed": {
         *             "name": "杭州示例商贸有限公司",
         *             "uscc": "91330106673959654P"
         *           },
         *           "shown": {
         *             "name": "杭州示例商贸有限公司",
         *             "uscc": "91330106673959654P"
         *           }
         *         },
         *         "trust_marks": [],
         *         "marks": [],
         *         "marks_violation": false,
         *         "evidence": {
         *           "raw": {
         *             "sha256": "a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f",
         *             "size": 50812,
         *             "media_type": "text/html; charset=utf-8"
         *           }
         *         },
         *         "truncated": false,
         *         "retries": 0,
         *         "visits": [
         *           {
         *             "kind": "page",
         *             "url": "https://shop.example.cn/store/1001",
         *             "attempt": 1,
         *             "status": 200
         *           }
         *         ],
         *         "crawler": {
         *           "name": "marketgate-verifier",
         *           "version": "0.1.0",
         *           "user_agent": "Mozilla/5.0 (compatible; marketgate-verifier/0.1.0; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)"
         *         },
         *         "started_at": "2026-03-02T01:03:26.790Z",
         *         "finished_at": "2026-03-02T01:03:27.118Z"
         *       }
         *     }
         */
        WorkerResult: {
            /** @example 01JF3M9Q2W8ZK6Y4T5R7N0B1CD:17 */
            job_id: string;
            verification: components["schemas"]["WorkerVerification"];
        };
        /**
         * @example {
         *       "verification_id": "01JQ5B8D0F2H4K6M8P0R2T4V6X",
         *       "recorded": true
         *     }
         */
        WorkerResultRecorded: {
            /** @description false: this job was recorded before (a retry, or a second visit). */
            recorded: boolean;
            verification_id: string;
        };
        /**
         * @example {
         *       "url": "https://shop.example.cn/store/1001",
         *       "final_url": "https://shop.example.cn/store/1001",
         *       "status": 200,
         *       "verdict": "compliant",
         *       "detail": "the page shows the filed identity",
         *       "mode": "static",
         *       "found": {
         *         "names": [
         *           "杭州示例商贸有限公司"
         *         ],
         *         "usccs": [
         *           {
         *             "code": "91330106673959654P",
         *             "valid": true,
         *             "source": "text"
         *           }
         *         ],
         *         "registration_numbers": [],
         *         "license_links": [],
         *         "license_images": []
         *       },
         *       "comparison": {
         *         "name": "match",
         *         "uscc": "match",
         *         "filed": {
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P"
         *         },
         *         "shown": {
         *           "name": "杭州示例商贸有限公司",
         *           "uscc": "91330106673959654P"
         *         }
         *       },
         *       "trust_marks": [],
         *       "marks": [],
         *       "marks_violation": false,
         *       "evidence": {
         *         "raw": {
         *           "sha256": "a3f1c9e0b4d2876f5e1a9c3b7d0f2e4a6c8b1d3f5a7e9c0b2d4f6a8c1e3b5d7f",
         *           "size": 50812,
         *           "media_type": "text/html; charset=utf-8"
         *         }
         *       },
         *       "truncated": false,
         *       "retries": 0,
         *       "visits": [
         *         {
         *           "kind": "page",
         *           "url": "https://shop.example.cn/store/1001",
         *           "attempt": 1,
         *           "status": 200
         *         }
         *       ],
         *       "crawler": {
         *         "name": "marketgate-verifier",
         *         "version": "0.1.0",
         *         "user_agent": "Mozilla/5.0 (compatible; marketgate-verifier/0.1.0; +https://github.com/marketgate/marketgate/blob/main/docs/crawler.md)"
         *       },
         *       "started_at": "2026-03-02T01:03:26.790Z",
         *       "finished_at": "2026-03-02T01:03:27.118Z"
         *     }
         */
        WorkerVerification: {
            browser?: {
                version: string;
            };
            comparison: {
                [key: string]: unknown;
            };
            crawler: {
                name: string;
                user_agent: string;
                version: string;
            };
            detail: string;
            evidence: {
                license_image?: {
                    media_type: string;
                    sha256: string;
                    size: number;
                };
                ocr?: {
                    media_type: string;
                    sha256: string;
                    size: number;
                };
                raw?: {
                    media_type: string;
                    sha256: string;
                    size: number;
                };
                rendered?: {
                    media_type: string;
                    sha256: string;
                    size: number;
                };
                screenshot?: {
                    media_type: string;
                    sha256: string;
                    size: number;
                };
            };
            final_url: string | null;
            /** Format: date-time */
            finished_at: string;
            found: {
                [key: string]: unknown;
            };
            marks: unknown[];
            marks_violation: boolean;
            /** @enum {string} */
            mode: "static" | "browser";
            /** @enum {string} */
            reason?: "unreachable" | "address_not_public" | "timeout" | "blocked_by_robots" | "robots_unavailable" | "http_error" | "store_closed" | "too_many_redirects" | "not_html" | "too_large" | "captcha" | "image_only" | "legacy_registration_number" | "license_link_unverified" | "render_failed" | "extraction_failed";
            retries: number;
            /** Format: date-time */
            started_at: string;
            status: number | null;
            truncated: boolean;
            trust_marks: unknown[];
            url: string;
            /** @enum {string} */
            verdict: "compliant" | "identity_missing" | "identity_mismatch" | "inconclusive";
            visits: {
                [key: string]: unknown;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    lodgeComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintInput"];
            };
        };
        responses: {
            /** @description The complaint, its deadlines and what it was linked to, with the access token. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for an unknown platform, a store_url that is not http(s), or an amount its currency cannot have; invalid_trace_code: a trace_code its scheme refuses, or a scheme that is not one (`errors` names the field). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description duplicate_complaint: the same order and category is open already (not named: lodging has no login). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 64 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description complaint_time_barred: the purchase is more than three years old. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again; or rate_limited: more complaints from one address in an hour (MARKETGATE_COMPLAINTS_PER_ADDRESS_PER_HOUR, 10) or from one phone number in a day (MARKETGATE_COMPLAINTS_PER_PHONE_PER_DAY, 3) than allowed, with Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description store_unavailable: the transactions store (ClickHouse, where MARKETGATE_TRANSACTIONS_URL is set) does not answer; nothing was changed, try again after Retry-After (30 s). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    trackComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaint with every step. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptComplaintAnswer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    message?: string;
                };
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addComplaintFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
        responses: {
            /** @description The files added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_body: no file in the form, or a form that cannot be read. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description conflict: the complaint holds as many files as it may (`limit`), or it is closed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: a file past 5 MB or a body past the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_file_type: not images (JPEG, PNG, GIF, WebP) or PDF by its content; or unsupported_media_type: not multipart/form-data. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again; or rate_limited: as many files in 24 hours as a complaint may take, with Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadComplaintFileAsConsumer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with the type read from its content. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint or file. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addComplaintMessageAsConsumer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintMessage"];
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again); or conflict: the consumer, or the platform, has added as many messages to the complaint as it may (200 each, configurable; `limit`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again; or rate_limited: 30 messages of one party on one complaint in 24 hours (configurable), with Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectComplaintAnswer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    message?: string;
                };
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    withdrawComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    message?: string;
                };
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: no access token (Authorization: Bearer <access token>). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (or the access token does not match it). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchPublicCredit: {
        parameters: {
            query: {
                limit?: number;
                offset?: number | null;
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subjects found. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicCreditSearch"];
                };
            };
            /** @description invalid_parameter: q missing, shorter than 2 or longer than 200 characters; limit or offset out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPublicCredit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tier, score with its public explanation, lists, published penalties, latest verification, marks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicCredit"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkTraceCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                /** @description One of drug, gs1, other. */
                scheme: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the filed orders say. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TraceCheck"];
                };
            };
            /** @description invalid_trace_code: the scheme is not one of the schemes, or the code is not one of its codes (a GTIN with a wrong check digit); invalid_parameter: longer than a code. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAssistanceRequests: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Skip this many (paging: the next_offset of the previous page). */
                offset?: number | null;
                /** @description `overdue`: open past its due date. Open requests come first, nearest due date first. */
                status?: "open" | "answered" | "cancelled" | "overdue" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The requests, the total and the next page’s offset. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAssistanceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such assistance request (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    answerAssistanceRequest: {
        parameters: {
            query?: {
                /** @description Whether this part completes the request. */
                final?: "true" | "false";
            };
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "application/zip": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description The signed receipt of the file. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: final neither true nor false; invalid_body or malformed_json: an empty body, NDJSON that is not JSON, CSV that cannot be read, an empty ZIP; body_incomplete: a body cut off. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such assistance request (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was kept, and the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description conflict: the request is answered or cancelled, or holds as many parts as it may (50). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: past 64 MiB; send more parts. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type (not one of the three), or unsupported_file_type (the content is not what the type says). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAssistanceAnswerReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                answer_id: string;
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request or answer. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listComplaints: {
        parameters: {
            query?: {
                limit?: number;
                status?: "submitted" | "accepted" | "rejected" | "forwarded" | "answered" | "resolved" | "mediation" | "closed" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint for this platform. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addComplaintMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComplaintMessage"];
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: the key belongs to a role that may not use this route; or actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again); or conflict: the consumer, or the platform, has added as many messages to the complaint as it may (200 each, configurable; `limit`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: 30 messages of one party on one complaint in 24 hours (configurable), with Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    answerComplaint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlatformAnswer"];
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: the key belongs to a role that may not use this route; or actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileDecisions: {
        parameters: {
            query?: {
                /** @description File nothing if any record is rejected. */
                atomic?: "true" | "false";
            };
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionRecord"][];
                "application/x-ndjson": components["schemas"]["DecisionRecord"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description A replay of an earlier Idempotency-Key: the original receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description Filed: the signed receipt. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters, or atomic neither true nor false; malformed_json (with line and column), malformed_csv, unknown_columns or missing_columns (a CSV header), or invalid_encoding (not UTF-8). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was filed, and the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body is larger than MARKETGATE_MAX_BODY_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: a Content-Type this route does not take, or a charset other than UTF-8. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_key_reused (the key came with another body), or atomic_filing_rejected (the problem carries the signed receipt). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                after?: number | null;
                limit?: number;
                type?: "list.entered" | "list.removed" | "penalty.published" | "penalty.withdrawn" | "mark.revoked" | "verification.violation" | "complaint.forwarded" | "assistance.requested" | "license.published" | "product.recalled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"events": [...], "next_after": n, "head": n} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seq: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event you may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acknowledgeEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seq: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    note?: string;
                };
            };
        };
        responses: {
            /** @description {"seq", "acknowledged_at"} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event that concerns your platform. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listExchangeDecisions: {
        parameters: {
            query?: {
                kind?: "penalty" | "license";
                limit?: number;
                /** @description A `seq` (exclusive), or an RFC 3339 date or time (inclusive). */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of decisions; `next_since` reads on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        decisions: {
                            [key: string]: unknown;
                        }[];
                        has_more: boolean;
                        next_since: number;
                    };
                };
            };
            /** @description invalid_parameter: `since` is neither a sequence number nor a date or time, or another parameter breaks its rule. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFiling: {
        parameters: {
            query?: {
                errors_limit?: number;
                errors_offset?: number | null;
            };
            header?: never;
            path: {
                filing_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No filing of yours has this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLeads: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Skip this many (paging: the next_offset of the previous page). */
                offset?: number | null;
                status?: "submitted" | "in_review" | "linked" | "dismissed" | "closed" | "all";
                /** @description Only leads changed after this time (poll with the last updated_at seen). */
                updated_after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"leads": [...], "total": n, "next_offset": n | null} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileLead: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadInput"];
            };
        };
        responses: {
            /** @description A replay of an Idempotency-Key: the lead filed the first time. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The lead, submitted, with its id (Location: /v1/leads/{lead_id}). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters; malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for a seller this platform did not file. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 512 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_key_reused: the key was used with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lead. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead of this platform. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addLeadFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
            };
        };
        responses: {
            /** @description {"files": [...]}: the files added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a malformed lead id; invalid_body: no file in the form, or a form that cannot be read. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead of this platform. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The lead holds as many files as it may, or it is dismissed or closed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: a file past 5 MB or a body past the limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_file_type: not an image or PDF by its content; or not multipart/form-data. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadLeadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with the type read from its content, as an attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead or file. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMark: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mark_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The mark. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Mark"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such mark. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMarkSnippet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mark_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML fragment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such mark. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRevokedMarks: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Only revocations after this time (paging). */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revocations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        next_since: string | null;
                        revoked: {
                            mark_id: string;
                            origin: string;
                            reason: string;
                            revoked_at: string;
                        }[];
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReceiptKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ed25519 public key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptKey"];
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The open alerts, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acknowledgeAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alert. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such alert. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Acknowledged already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAssistanceRequestsAsRegulator: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Skip this many (paging: the next_offset of the previous page). */
                offset?: number | null;
                /** @description A platform's slug. */
                platform?: string;
                /** @description `overdue`: open past its due date. Open requests come first, nearest due date first. */
                status?: "open" | "answered" | "cancelled" | "overdue" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The requests, the total and the next page’s offset (null on the last). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each), or an unknown platform. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestAssistance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssistanceRequestInput"];
            };
        };
        responses: {
            /** @description The request, with its due date. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for an unknown platform, or a seller it never filed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 64 KiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAssistanceRequestAsRegulator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such assistance request (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadAssistanceAnswer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                answer_id: string;
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with the type it was checked to be. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "application/zip": string;
                    "text/csv": string;
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request or answer. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelAssistanceRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                request_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssistanceRequestCancel"];
            };
        };
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such assistance request (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description conflict: the request is answered or cancelled already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description Entries before this seq (paging). */
                before?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuditHead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed head: {"payload":{"kind","seq","hash","at","key_id"},"signature"}. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listComplaintsAsRegulator: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Skip this many (paging: the next_offset of the previous page). */
                offset?: number | null;
                status?: "submitted" | "accepted" | "rejected" | "forwarded" | "answered" | "resolved" | "mediation" | "closed" | "open";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaints, with the total the queue holds and the next page’s offset (null on the last). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getComplaintAsRegulator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadComplaintFileAsRegulator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with the type read from its content. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint or file. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revealComplainant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The personal data. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    takeComplaintStep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                complaint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegulatorStep"];
            };
        };
        responses: {
            /** @description The complaint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: the key belongs to a role that may not use this route; or actor_not_permitted: the complaint’s status allows the step, but not to you (`allowed` says who may). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such complaint (for this platform). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the complaint’s status does not allow this step (`allowed` lists what does); or conflict: the complaint changed meanwhile (read it again). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCrawls: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of crawls. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlList"];
                };
            };
            /** @description A parameter out of range, or a cursor this endpoint did not give. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    startCrawl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CrawlRequest"];
            };
        };
        responses: {
            /** @description The crawl is queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crawl"];
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for an unknown platform or store, a body naming no platforms, stores or stale_days without `"all": true`, or `all` with any of them. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCrawl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                crawl_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stores done so far, by verdict; what it covers, who started (or cancelled) it. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crawl"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such crawl. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelCrawl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                crawl_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The crawl, cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Crawl"];
                };
            };
            /** @description A malformed crawl id. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such crawl. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The crawl ended already (done or failed): conflict. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCrawlResults: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
                /** @description `csv`: every row as a CSV attachment. */
                format?: "json" | "csv";
                limit?: number;
                /** @description Only stores with this reason (see Verification.reason). */
                reason?: string;
                /** @description Only stores with this verdict; 'unvisited' for those the crawl has not visited. */
                verdict?: "compliant" | "identity_missing" | "identity_mismatch" | "inconclusive" | "unvisited";
            };
            header?: never;
            path: {
                crawl_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of stores (JSON), or all of them (CSV). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlResults"];
                    "text/csv": string;
                };
            };
            /** @description A malformed crawl id, a filter out of range, a bad cursor, or paging with format=csv. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such crawl. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCrawlStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                crawl_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlStats"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such crawl. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEventAcknowledgements: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seq: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platforms. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such event. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLeadsAsRegulator: {
        parameters: {
            query?: {
                category?: "counterfeit" | "false_advertising" | "unlicensed" | "prohibited_goods" | "identity_mismatch" | "price_fraud" | "other";
                limit?: number;
                /** @description Skip this many (paging: the next_offset of the previous page). */
                offset?: number | null;
                /** @description A platform's slug. */
                platform?: string;
                /** @description open: submitted, in_review or linked. */
                status?: "submitted" | "in_review" | "linked" | "dismissed" | "closed" | "open" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"leads": [...], "total": n, "next_offset": n | null} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLeadAsRegulator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The lead. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LeadAssignment"];
            };
        };
        responses: {
            /** @description The lead. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead (or no such penalty or warning to link). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject, or the lead changed meanwhile. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    closeLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadReason"];
            };
        };
        responses: {
            /** @description The lead, closed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead (or no such penalty or warning to link). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject, or the lead changed meanwhile. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    dismissLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadReason"];
            };
        };
        responses: {
            /** @description The lead, dismissed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead (or no such penalty or warning to link). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject, or the lead changed meanwhile. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadLeadFileAsRegulator: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with the type read from its content, as an attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead or file. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    linkLead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadLink"];
            };
        };
        responses: {
            /** @description The lead, linked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such lead (or no such penalty or warning to link). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description illegal_transition: the lead’s status does not allow this step (`allowed` lists what does); conflict: the link exists, or concerns another subject, or the lead changed meanwhile. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listListEntries: {
        parameters: {
            query?: {
                limit?: number;
                status?: "open" | "proposed" | "removed" | "all";
            };
            header?: never;
            path: {
                list: "abnormal" | "serious";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    addListEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                list: "abnormal" | "serious";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListEntryInput"];
            };
        };
        responses: {
            /** @description The entry, the revoked marks and the crawl of the subject’s stores. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject, penalty or entry. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description already_listed or basis_not_qualifying. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeListEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: string;
                list: "abnormal" | "serious";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListRemoval"];
            };
        };
        responses: {
            /** @description The removed entry. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such entry. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Removed already, or repair_not_eligible. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueMark: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueMark"];
            };
        };
        responses: {
            /** @description The mark, signed. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Mark"];
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such platform or store. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description store_not_eligible (not active, not verified, latest verification not compliant) or conflict (an active mark exists). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeMark: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                mark_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeMark"];
            };
        };
        responses: {
            /** @description The revoked mark. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "mark_id": "01JQ5C9E1G3J5K7M9P1R3T5V7X",
                     *       "status": "revoked",
                     *       "origin": "https://shop.example.cn",
                     *       "subject": {
                     *         "id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
                     *         "name": "杭州示例商贸有限公司",
                     *         "uscc": "91330106673959654P"
                     *       },
                     *       "store": {
                     *         "platform": "alpha-mall",
                     *         "seller_id": "S-1001"
                     *       },
                     *       "issued_at": "2026-03-02T02:00:41.553Z",
                     *       "expires_at": "2027-03-02T02:00:41.553Z",
                     *       "revoked_at": "2026-03-03T07:45:02.904Z",
                     *       "revoke_reason": "店铺被列入经营异常名录，撤销认证标识。",
                     *       "payload": {
                     *         "v": 1,
                     *         "issuer": "marketgate",
                     *         "key_id": "20e94a7fa4a30491",
                     *         "mark_id": "01JQ5C9E1G3J5K7M9P1R3T5V7X",
                     *         "origin": "https://shop.example.cn",
                     *         "subject": {
                     *           "id": "01JQ2R7V9B3C5D7E9F1G3H5J7K",
                     *           "name": "杭州示例商贸有限公司",
                     *           "uscc": "91330106673959654P"
                     *         },
                     *         "store": {
                     *           "platform": "alpha-mall",
                     *           "seller_id": "S-1001"
                     *         },
                     *         "issued_at": "2026-03-02T02:00:41.553Z",
                     *         "expires_at": "2027-03-02T02:00:41.553Z"
                     *       },
                     *       "signature": "x1SacCo5igD9JGQ+9V3nauh9fCaOTZRyawd/xjDrwXuj/rrNjbMjfVhGhIOq9EMn7jW1g/H++nhjW4tasWQWAw==",
                     *       "verification_page": "https://marketgate.example.gov.cn/marks/01JQ5C9E1G3J5K7M9P1R3T5V7X"
                     *     }
                     */
                    "application/json": components["schemas"]["Mark"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such mark. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Revoked already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPenalties: {
        parameters: {
            query?: {
                limit?: number;
                state?: "unpublished" | "overdue" | "all";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The penalties. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recordPenalty: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PenaltyInput"];
            };
        };
        responses: {
            /** @description The penalty. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject or store. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The decision number is recorded already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPenalty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                penalty_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The penalty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such penalty. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    publishPenalty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                penalty_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The published penalty; published_late says whether its deadline had passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such penalty. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Published or withdrawn already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    repairPenalty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                penalty_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reason"];
            };
        };
        responses: {
            /** @description The repaired penalty. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such penalty. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description repair_not_eligible, with the date it becomes possible. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    withdrawPenalty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                penalty_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PenaltyWithdrawal"];
            };
        };
        responses: {
            /** @description The withdrawn penalty; withdrawn_late says whether the 3 working days had passed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such penalty. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Withdrawn already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recallProducts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecallRequest"];
            };
        };
        responses: {
            /** @description The recall, and whom it told. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recall"];
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_trace_code: a code or the scheme is not valid, or the prefix too short. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRiskSignals: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"signals": [...]} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRiskWarnings: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                platform?: string;
                signal?: "order_brushing" | "shared_contact" | "relisted_offender" | "sporadic_threshold" | "complaint_spike" | "filing_gap" | "assistance_overdue" | "duplicate_trace_code";
                status?: "open" | "assigned" | "confirmed" | "dismissed";
                subject_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"warnings": [...], "next_cursor": string | null} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each), or a cursor this endpoint did not give. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRiskWarning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warning_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The warning. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such warning. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignRiskWarning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warning_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Defaults to the caller. */
                    assignee?: string;
                };
            };
        };
        responses: {
            /** @description The warning, assigned. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such warning. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The warning was decided already (illegal_transition). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmRiskWarning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warning_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RiskConfirmation"];
            };
        };
        responses: {
            /** @description The warning, confirmed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such warning, penalty or list entry. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Decided already, or the penalty or entry concerns another subject. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    dismissRiskWarning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warning_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The warning, dismissed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such warning. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Decided already (illegal_transition). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOverThresholdSellers: {
        parameters: {
            query: {
                year: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subjects over the threshold, largest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OverThresholdReport"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description store_unavailable: the transactions store (ClickHouse, where MARKETGATE_TRANSACTIONS_URL is set) does not answer; nothing was changed, try again after Retry-After (30 s). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStoreEpisodes: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                platform: string;
                seller_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The episodes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreEpisodes"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such platform or store. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStoreVerifications: {
        parameters: {
            query?: {
                /** @description Only verifications finished before this time (paging). */
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                platform: string;
                seller_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The verifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoreVerifications"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such platform or store. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record; ID numbers stay masked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSubjectCredit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Scored now with the current model (docs/credit-model.md). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmSubjectName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subject_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubjectNameConfirmation"];
            };
        };
        responses: {
            /** @description The subject’s name: shown, basis (confirmed | majority | first_filed), the confirmation, the names counted and filed, the conflict that stands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
                verification_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes, with the media type they were received with. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such verification, or no such evidence in it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileSellers: {
        parameters: {
            query?: {
                /** @description File nothing if any record is rejected. */
                atomic?: "true" | "false";
            };
            header?: {
                /** @description A retry with the same key and body returns the original receipt and changes nothing. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SellerRecord"][];
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "application/x-ndjson": components["schemas"]["SellerRecord"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description A replay of an earlier Idempotency-Key: the original receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description Filed: the signed receipt. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters, or atomic neither true nor false; malformed_json (with line and column), malformed_csv, unknown_columns or missing_columns (a CSV or spreadsheet header), invalid_encoding (not UTF-8), or malformed_xlsx (not an .xlsx, damaged, encrypted). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was filed, and the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the configured limit; a spreadsheet not at most 32 MiB and 100,000 rows, or that unpacks to more than 256 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: a Content-Type this route does not take, or a charset other than UTF-8. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_key_reused (the key came with another body), or atomic_filing_rejected (the problem carries the signed receipt). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSeller: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seller_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Seller"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have filed no seller with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileCommitment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                seller_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreditCommitment"];
            };
        };
        responses: {
            /** @description The commitment; counted says whether it wrote a credit event. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        commitment_id: string;
                        counted: boolean;
                        filed_at: string;
                        subject_id: string;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each); malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such seller on this platform. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSellerVersions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number | null;
            };
            header?: never;
            path: {
                seller_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Versions, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        seller_id: string;
                        version_count: number;
                        versions: {
                            filed_at: string;
                            /** @description The filing that brought this version. */
                            filing_id: string;
                            /** @description The record as filed, normalised; id_number and contact_phone masked. */
                            record: {
                                [key: string]: unknown;
                            };
                            /** @description The market subject this seller is linked to. */
                            subject_id: string;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have filed no seller with this id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadSellerTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template, as an attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description rate_limited: more requests to the public routes from one address in a minute than MARKETGATE_PUBLIC_REQUESTS_PER_MINUTE (120) allows; Retry-After says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    fileTransactions: {
        parameters: {
            query?: {
                atomic?: "true" | "false";
            };
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransactionRecord"][];
                "application/x-ndjson": components["schemas"]["TransactionRecord"];
            };
        };
        responses: {
            /** @description A replay of an earlier Idempotency-Key: the original receipt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description Filed: the signed receipt. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                };
            };
            /** @description invalid_parameter: an Idempotency-Key that is not 1-255 visible ASCII characters, or atomic neither true nor false; malformed_json (with line and column), or invalid_encoding (not UTF-8). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description filing_abandoned: no byte of the body arrived for MARKETGATE_FILING_STALL_SECONDS (60); nothing was filed, and the connection is closed. */
            408: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body is larger than MARKETGATE_MAX_TRANSACTION_BODY_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: a Content-Type this route does not take, or a charset other than UTF-8. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_key_reused (the key came with another body), or atomic_filing_rejected (the problem carries the signed receipt). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description store_unavailable: the transactions store (ClickHouse, where MARKETGATE_TRANSACTIONS_URL is set) does not answer; nothing was changed, try again after Retry-After (30 s). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order as last filed, and every earlier state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description You have filed no order with this id (or its filing is still streaming in). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description store_unavailable: the transactions store (ClickHouse, where MARKETGATE_TRANSACTIONS_URL is set) does not answer; nothing was changed, try again after Retry-After (30 s). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"webhooks": [...]} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookRegistration"];
            };
        };
        responses: {
            /** @description {"webhook_id", "secret"} */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for a URL that reaches no public address, or unknown event types. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many webhooks. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 1 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such webhook of yours. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                before_seq?: number;
                limit?: number;
                status?: "pending" | "delivered" | "failed" | "cancelled";
            };
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"deliveries": [...]} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such webhook of yours. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                delivery_id: string;
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such webhook of yours, or no such delivery of it. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Still pending, or the webhook is disabled. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {"webhook_id", "secret", "previous_secret_valid_until"} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such webhook of yours. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    workerConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerConfig"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    workerHasEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Held. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        held: true;
                        sha256: string;
                    };
                };
            };
            /** @description invalid_parameter: a path or query parameter breaks its rule (`errors` names each). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not held. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    workerPutEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sha256: string;
            };
            cookie?: never;
        };
        /** @description The evidence file, its Content-Type the file's media type. */
        requestBody: {
            content: {
                "*/*": string;
            };
        };
        responses: {
            /** @description Held already. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Kept. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_parameter: the path is not a SHA-256 (64 lowercase hex digits); invalid_body: the body does not hash to the path; body_incomplete: the body was cut off. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: past 32 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: no Content-Type, or not a media type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    workerRecordVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkerResult"];
            };
        };
        responses: {
            /** @description Recorded before (a retry, or a second visit): the first verification stands. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerResultRecorded"];
                };
            };
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkerResultRecorded"];
                };
            };
            /** @description malformed_json (with the line and column), invalid_encoding (not UTF-8), or invalid_body: a field breaks its rule (`errors` names each); invalid_body also for evidence files not sent yet (`missing` lists them). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or revoked API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key belongs to a role that may not use this route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such job. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The crawl was cancelled. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: the body passes 4 MiB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: the body is not application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
