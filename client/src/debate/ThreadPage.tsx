// One thread: posts in order, replies nested one level under the post they answer (with
// a "replying to" quote when deeper), stances, edits, moderation and what is new to me.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { can } from "../../../shared/permissions.js";
import { richTextToPlain, type RichTextDoc } from "../../../shared/richtext.js";
import type { Post } from "../../../shared/schemas/contributions.js";
import type { CitingPassage } from "../../../shared/schemas/synthesis.js";
import { useWorkshopEvents } from "../live/workshopEvents.js";
import { useProcess } from "../sequences/ProcessLayout.js";
import { CitedInList, useCitingPassages } from "../synthesis/CitedIn.js";
import { Translated } from "../translation/Translated.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { formatDateTime } from "../ui/format.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { debateApi, threadPlace } from "./debateApi.js";
import { PostForm } from "./PostForm.js";
import { KeptWrites } from "../ui/KeptWrites.js";
import { StanceBadge } from "./Stance.js";

export function ThreadPage() {
  const { workshopId, role, user } = useProcess();
  const { threadId = "" } = useParams();
  const { t } = useTranslation(["debate"]);
  // The thread comes with my read position as it was when I opened it: posts after it show as new.
  const thread = useResource(() => debateApi.thread(workshopId, threadId), [workshopId, threadId]);
  const loaded = useResource(() => debateApi.allPosts(workshopId, threadId), [workshopId, threadId]);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  // Which posts the synthesis cites, in one request for the thread (its first 200 posts).
  const citing = useCitingPassages(workshopId, "post", loaded.data?.slice(0, 200).map((p) => p.id) ?? []);
  usePageTitle(thread.data?.title);

  const maxSeq = Math.max(0, ...(loaded.data?.map((p) => p.seq) ?? []));
  // What I see here is read: move my position to the last post shown.
  const markedUpTo = useRef(0);
  useEffect(() => {
    if (!loaded.data || !thread.data || maxSeq <= markedUpTo.current) return;
    markedUpTo.current = maxSeq;
    const timer = setTimeout(() => void debateApi.markRead(workshopId, threadId, maxSeq).catch(() => {}), 800);
    return () => clearTimeout(timer);
  }, [maxSeq, loaded.data, thread.data, workshopId, threadId]);

  const merge = (post: Post) => {
    if (post.threadId !== threadId) return;
    loaded.update((posts) => posts && (posts.some((p) => p.id === post.id) ? posts.map((p) => (p.id === post.id ? post : p)) : [...posts, post]));
  };
  const mergePushed = (post: Post) => {
    if (post.threadId !== threadId) return;
    // The pushed copy carries a member's view: facilitators and the author fetch the hidden body that is theirs to see.
    const mayReadHidden = can(role, "post.moderate") || post.author.id === user.id;
    if (post.hidden && post.body === null && mayReadHidden) {
      void debateApi.post(workshopId, post.id).then(merge, () => merge(post));
      return;
    }
    merge(post);
  };
  useWorkshopEvents({ "post.created": (event) => mergePushed(event.post), "post.updated": (event) => mergePushed(event.post) });

  // A link to one post (#post-<id>, from a citation in the synthesis) opens at that post.
  const { hash } = useLocation();
  const postsShown = Boolean(loaded.data && thread.data);
  useEffect(() => {
    if (!postsShown || !hash.startsWith("#post-")) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }, [postsShown, hash]);

  if (thread.error && !thread.data) return <ErrorNotice error={thread.error} />;
  if (!thread.data || !loaded.data) return <Loading />;
  const posts = loaded.data;
  const byId = new Map(posts.map((p) => [p.id, p]));
  const rootOf = (post: Post): Post => {
    let current = post;
    for (let guard = 0; current.parentId && byId.has(current.parentId) && guard < 50; guard++) current = byId.get(current.parentId)!;
    return current;
  };
  const roots = posts.filter((p) => !p.parentId || !byId.has(p.parentId));
  const repliesOf = new Map<string, Post[]>();
  for (const post of posts) {
    if (roots.includes(post)) continue;
    const root = rootOf(post);
    repliesOf.set(root.id, [...(repliesOf.get(root.id) ?? []), post]);
  }
  const mayPost = can(role, "post.create");
  const item = (post: Post, root: Post) => (
    <PostItem
      key={post.id}
      post={post}
      parent={post.parentId && post.parentId !== root.id ? byId.get(post.parentId) : undefined}
      unread={post.seq > thread.data!.lastReadSeq}
      onReply={mayPost ? () => setReplyTo(post.id) : undefined}
      onChanged={merge}
      citedIn={citing.data ?? []}
    />
  );

  return (
    <article aria-labelledby="thread-title" className="thread">
      <header className="page-head">
        <div>
          <Translated
            workshopId={workshopId}
            targetKind="thread"
            targetId={threadId}
            field="title"
            original={thread.data.title}
            own={thread.data.author.id === user.id}
            render={(title, lang) => (
              <h1 id="thread-title" lang={lang}>
                {title}
              </h1>
            )}
          />
          <p className="card-meta">
            <span>{t("debate:thread.startedBy", { name: thread.data.author.displayName, date: formatDateTime(thread.data.createdAt) })}</span>
            {thread.data.ficheId && <Link to={`/workshops/${workshopId}/illustrate/fiches/${thread.data.ficheId}`}>{t("debate:list.aboutFiche")}</Link>}
            <Link to={`/workshops/${workshopId}/debate`}>{t("debate:thread.back")}</Link>
          </p>
        </div>
      </header>
      <ol className="posts" data-testid="posts">
        {roots.map((root) => (
          <li key={root.id} className="post-group">
            {item(root, root)}
            {(repliesOf.get(root.id)?.length || (replyTo && rootOf(byId.get(replyTo) ?? root).id === root.id)) && (
              <ol className="replies">
                {repliesOf.get(root.id)?.map((reply) => <li key={reply.id}>{item(reply, root)}</li>)}
                {replyTo && byId.get(replyTo) && rootOf(byId.get(replyTo)!).id === root.id && (
                  <li>
                    <PostForm
                      name="reply"
                      draftName={`post:${threadId}/reply-${replyTo}`}
                      label={t("debate:thread.replyTo", { name: byId.get(replyTo)!.author.displayName })}
                      submitLabel={t("debate:thread.sendReply")}
                      onCancel={() => setReplyTo(null)}
                      onSubmit={async ({ body, stance }) => {
                        const post = await debateApi.reply(user.id, workshopId, threadId, { body, parentId: replyTo, stance: stance ?? undefined });
                        if (post) merge(post);
                        setReplyTo(null);
                      }}
                    />
                  </li>
                )}
              </ol>
            )}
          </li>
        ))}
      </ol>
      {mayPost && (
        <section className="card" aria-labelledby="answer-title">
          <h2 id="answer-title">{t("debate:thread.answerTitle")}</h2>
          <PostForm
            name="answer"
            draftName={`post:${threadId}/answer`}
            label={t("debate:thread.answer")}
            submitLabel={t("debate:thread.send")}
            onSubmit={async ({ body, stance }) => {
              const post = await debateApi.reply(user.id, workshopId, threadId, { body, stance: stance ?? undefined });
              if (post) merge(post);
            }}
          />
        </section>
      )}
      <KeptWrites place={threadPlace(threadId)} />
    </article>
  );
}

type PostItemProps = { post: Post; parent?: Post; unread: boolean; onReply?: () => void; onChanged: (post: Post) => void; citedIn: readonly CitingPassage[] };

function PostItem({ post, parent, unread, onReply, onChanged, citedIn }: PostItemProps) {
  const { workshopId, role, user } = useProcess();
  const { t } = useTranslation("debate");
  const [editing, setEditing] = useState(false);
  const [moderating, setModerating] = useState(false);
  const [reason, setReason] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const own = post.author.id === user.id;
  const moderates = can(role, "post.moderate");

  async function moderate(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      onChanged(await debateApi.moderate(workshopId, post.id, !post.hidden, reason));
      setModerating(false);
      setReason("");
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <div className={`post card${unread ? " is-unread" : ""}${post.hidden ? " is-hidden" : ""}`} data-testid="post" data-post-id={post.id} id={`post-${post.id}`} tabIndex={-1}>
      <p className="post-head">
        <strong>{post.author.displayName}</strong> <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>{" "}
        <StanceBadge stance={post.stance} />
        {post.editedAt && <span className="muted"> · {t("debate:post.edited", { date: formatDateTime(post.editedAt) })}</span>}
        {unread && <span className="unread-badge">{t("debate:post.new")}</span>}
      </p>
      {parent && (
        <blockquote className="replying-to">
          <span className="muted">{t("debate:post.replyingTo", { name: parent.author.displayName })}</span>{" "}
          {parent.body ? excerpt(parent.body as RichTextDoc) : t("debate:post.hiddenShort")}
        </blockquote>
      )}
      {post.hidden && (
        <p className="notice" role="note">
          {t("debate:post.hidden", { name: post.hidden.by.displayName, reason: post.hidden.reason })}
        </p>
      )}
      {editing && post.body ? (
        <PostForm
          name={`edit-${post.id}`}
          draftName={`post:edit-${post.id}`}
          label={t("debate:post.editLabel")}
          submitLabel={t("debate:post.saveEdit")}
          initial={{ body: post.body as RichTextDoc, stance: post.stance }}
          onCancel={() => setEditing(false)}
          onSubmit={async ({ body, stance }) => {
            onChanged(await debateApi.edit(workshopId, post.id, { body, stance }));
            setEditing(false);
          }}
        />
      ) : (
        post.body && (
          <Translated workshopId={workshopId} targetKind="post" targetId={post.id} field="body" original={post.body} own={own} render={(text, lang) => <div className="post-body" lang={lang}>{text}</div>} />
        )
      )}
      <CitedInList workshopId={workshopId} kind="post" targetId={post.id} passages={citedIn} />
      {moderating && (
        <form className="form inline-form" onSubmit={(event) => void moderate(event)}>
          <div className="field">
            <label htmlFor={`reason-${post.id}`}>{t("debate:post.reason")}</label>
            <input id={`reason-${post.id}`} required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" className="button small danger" disabled={!reason.trim()}>
              {t(post.hidden ? "debate:post.show" : "debate:post.hide")}
            </button>
            <button type="button" className="button small" onClick={() => setModerating(false)}>
              {t("debate:cancel")}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={failure} />
      {!editing && !moderating && (
        <div className="actions post-actions">
          {onReply && !post.hidden && (
            <button type="button" className="button small" onClick={onReply} data-testid="reply-button">
              {t("debate:post.reply")}
            </button>
          )}
          {own && post.body && (
            <button type="button" className="button small" onClick={() => setEditing(true)}>
              {t("debate:post.edit")}
            </button>
          )}
          {moderates && (
            <button type="button" className="button small danger" onClick={() => setModerating(true)}>
              {t(post.hidden ? "debate:post.showWithReason" : "debate:post.hideWithReason")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function excerpt(doc: RichTextDoc): string {
  const text = richTextToPlain(doc).replace(/\s+/g, " ");
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}
