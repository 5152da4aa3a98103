package org.tailguard.monitor;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.longs.LongComparators;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tailguard.spec.SpecException;
import org.tailguard.text.corpus.OnBadInput;

/**
 * The collapse monitor: ingests a model's outputs version by version into an embedded SQLite store with
 * mergeable per-version sketches, computes the collapse indicators per version, compares versions, and
 * raises early warnings with evidence.
 *
 * <p>It puts into production what the lab measures across generations: lexical diversity (unique-n at a
 * fixed sample, Guo et al., NAACL Findings 2024), sameness (duplicates, Self-BLEU; Texygen, SIGIR 2018),
 * the tail and coverage of a human reference, and reference-model perplexity (Shumailov et al., Nature
 * 2024), plus Evidently's embedding-free domain-classifier drift test and the Hellinger, PSI and
 * Jensen–Shannon distances WhyLabs and Evidently use (defenses.md §5).
 *
 * <pre>{@code
 * try (Monitor m = Monitor.open(Path.of("tailguard-data/monitor.db"))) {
 *   m.addSink(new LogSink());
 *   m.ingest(Files.newInputStream(Path.of("outputs.jsonl")), IngestOptions.of("outputs.jsonl"));
 *   for (VersionInfo v : m.versions("my-model")) {
 *     System.out.println(v.version() + " " + m.indicators("my-model", v.version()).values());
 *   }
 *   List<Warning> raised = m.evaluate("my-model");    // stored, and sent to the sinks when new
 *   Comparison c = m.compare("my-model", "v1", "v2");
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> Each batch of records (one {@link #ingest(List)} call, or {@code batch_size} lines of a
 * stream) is one SQLite transaction holding the records' effect on every sketch, sample and counter: a
 * returned call, or a {@link IngestOptions.BatchListener} notification, means the records survive a crash
 * of the process (with {@code durability: full}, of the machine too). <b>Memory</b> is bounded by the config,
 * not by the number of records: raw responses are kept only in each version's reservoir sample. <b>Threads:</b>
 * all methods are thread-safe; ingestion and warning storage are serialised, while reads run on their own
 * connection and see the last committed batch. One process writes a store at a time.
 */
public final class Monitor implements AutoCloseable {
  /**
   * A batch this large goes straight into the sketches (one transaction); a smaller one is acknowledged
   * through the inbox, which costs a few row inserts instead of rewriting the version's serialised state.
   */
  static final int DIRECT_MIN = 500;
  /** Versions whose sketches stay in memory between batches. */
  static final int CACHED_VERSIONS = 16;
  /** Versions whose tokenised samples and indicators stay in memory for reads. */
  static final int CACHED_DATA = 12;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final MonitorStore store;
  private final MonitorConfig config;
  private final InstantSource clock;
  private final Hasher64 priorityHash;
  private final Hasher64 promptHash;
  private final Object writeLock = new Object();
  private final Object readLock = new Object();
  private final LinkedHashMap<String, VersionContext> contexts = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, Comparer.VersionData> dataCache = lruMap(CACHED_DATA);
  private final Map<String, DriftTest.Result> driftCache = lruMap(64);
  private final List<WarningSink> sinks = new CopyOnWriteArrayList<>();
  private volatile WarningPolicy policy = WarningPolicy.defaults();
  private volatile Reference reference; // built on first use: tokenising and training take seconds
  private Digester digester; // the writer's, under writeLock
  private final Map<String, Long> versionIds = new HashMap<>(); // under writeLock
  private long inboxRows; // under writeLock

  private Monitor(MonitorStore store, InstantSource clock) {
    this.store = store;
    this.config = store.config();
    this.clock = clock;
    this.priorityHash = Hashing.xxh3_64(config.seed());
    this.promptHash = Hashing.xxh3_64(config.seed() ^ 0x5DEECE66DL);
    if (!store.readOnly()) {
      try {
        inboxRows = store.inboxCount();
        if (inboxRows > 0) {
          foldInbox(); // acknowledged records a crash left unfolded
        }
      } catch (SQLException | RuntimeException e) {
        store.close();
        throw e instanceof SQLException se ? failure(se) : (RuntimeException) e;
      }
    }
  }

  /** Opens (creating if needed, with the default settings) a store for writing. */
  public static Monitor open(Path file) {
    return new Monitor(MonitorStore.openForWriting(file, null), InstantSource.system());
  }

  /**
   * Opens a store for writing, creating it with {@code config}, or checking that an existing store was
   * created with the same settings.
   *
   * @throws SpecException if the store is locked by another writer, is not a monitor store, or differs in a
   *     setting that shapes stored state
   */
  public static Monitor open(Path file, MonitorConfig config) {
    return open(file, config, InstantSource.system());
  }

  /** As {@link #open(Path, MonitorConfig)}, with the clock that stamps ingest times, versions and warnings. */
  public static Monitor open(Path file, MonitorConfig config, InstantSource clock) {
    return new Monitor(MonitorStore.openForWriting(file, config), clock);
  }

  /** Opens an existing store for reading while another process may write it. */
  public static Monitor openReadOnly(Path file) {
    return new Monitor(MonitorStore.openReadOnly(file), InstantSource.system());
  }

  /** The store's settings. */
  public MonitorConfig config() {
    return config;
  }

  /** The store file. */
  public Path file() {
    return store.file();
  }

  /** The warning rules {@link #evaluate} applies (not stored; {@link WarningPolicy#defaults()} at open). */
  public WarningPolicy policy() {
    return policy;
  }

  public void setPolicy(WarningPolicy p) {
    this.policy = java.util.Objects.requireNonNull(p, "policy");
  }

  /** Adds a sink that hears of each new warning. */
  public void addSink(WarningSink sink) {
    sinks.add(java.util.Objects.requireNonNull(sink, "sink"));
  }

  Reference reference() {
    Reference r = reference;
    if (r == null) {
      synchronized (this) {
        if (reference == null) {
          reference = Reference.of(config);
        }
        r = reference;
      }
    }
    return r;
  }

  // ------------------------------------------------------------------------------------------ ingestion

  /**
   * Stores records as one batch: all of them or none (one transaction).
   *
   * @throws SpecException if the store is read-only
   */
  public IngestResult ingest(List<ResponseRecord> records) {
    if (records.isEmpty()) {
      return new IngestResult(0, 0, 0, List.of(), List.of());
    }
    List<String> touched = commitBatch(records, "api");
    return new IngestResult(records.size(), 0, 1, List.of(), touched);
  }

  /**
   * Streams JSONL records, committing every {@code batch_size} records (and the rest at the end).
   *
   * @throws SpecException at the first bad line with {@link OnBadInput#FAIL}: the message names the line
   *     and field, and how many records earlier batches stored
   * @throws UncheckedIOException if the input cannot be read
   */
  public IngestResult ingest(InputStream jsonl, IngestOptions options) {
    return ingest(jsonl, options, null, null);
  }

  /**
   * As {@link #ingest(InputStream, IngestOptions)}, filling records that lack {@code model} or
   * {@code version} with the given defaults (each may be null: then the field is required). A record that
   * names another model or version than a given default is a bad line. Bad lines are reported as
   * {@code SOURCE:LINE: message}.
   */
  public IngestResult ingest(InputStream jsonl, IngestOptions options, String defaultModel, String defaultVersion) {
    if (defaultModel != null) {
      ResponseRecord.of(defaultModel, "v", ""); // validates the name, naming the field
    }
    if (defaultVersion != null) {
      ResponseRecord.of("m", defaultVersion, "");
    }
    long accepted = 0;
    long skipped = 0;
    long batches = 0;
    List<String> errors = new ArrayList<>();
    LinkedHashSet<String> touched = new LinkedHashSet<>();
    List<ResponseRecord> batch = new ArrayList<>(Math.min(config.batchSize(), 1 << 16));
    try (JsonlReader reader = new JsonlReader(jsonl, options.maxLineBytes(), defaultModel, defaultVersion)) {
      for (JsonlReader.Item item = reader.next(); item != null; item = reader.next()) {
        if (item.error() != null) {
          String where = options.source() + ":" + item.line() + ": " + item.error().replaceFirst("^line \\d+: ", "");
          if (options.onBadInput() == OnBadInput.FAIL) {
            throw new SpecException(where + " (" + accepted + " records in "
                + batches + " earlier batches were stored; the " + batch.size() + " read since were not)");
          }
          skipped++;
          if (errors.size() < IngestResult.MAX_ERRORS) {
            errors.add(where);
          }
          continue;
        }
        batch.add(item.record());
        if (batch.size() == config.batchSize()) {
          touched.addAll(commitBatch(batch, options.source()));
          accepted += batch.size();
          batches++;
          batch.clear();
          if (options.listener() != null) {
            options.listener().committed(batches, accepted);
          }
        }
      }
      if (!batch.isEmpty()) {
        touched.addAll(commitBatch(batch, options.source()));
        accepted += batch.size();
        batches++;
        if (options.listener() != null) {
          options.listener().committed(batches, accepted);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(options.source() + ": cannot read: " + e.getMessage(), e);
    }
    return new IngestResult(accepted, skipped, batches, List.copyOf(errors), List.copyOf(touched));
  }

  /**
   * Stores a whole JSONL body as one batch, or nothing: every line is validated first (the body of an HTTP
   * POST, whose size the caller has bounded).
   *
   * @param maxRecords the most records accepted
   * @throws SpecException listing up to 5 bad lines (nothing is stored), or if there are more records
   */
  public IngestResult ingestAtomically(InputStream jsonl, String source, int maxRecords) {
    List<ResponseRecord> records = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    long bad = 0;
    try (JsonlReader reader = new JsonlReader(jsonl, JsonlReader.DEFAULT_MAX_LINE_BYTES)) {
      for (JsonlReader.Item item = reader.next(); item != null; item = reader.next()) {
        if (item.error() != null) {
          bad++;
          if (errors.size() < 5) {
            errors.add(item.error());
          }
        } else if (records.size() == maxRecords) {
          throw new SpecException(source + ": more than " + maxRecords + " records in one request");
        } else {
          records.add(item.record());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
    if (bad > 0) {
      throw new SpecException(source + ": " + bad + " bad line" + (bad == 1 ? "" : "s") + ", nothing stored: "
          + String.join("; ", errors) + (bad > errors.size() ? "; …" : ""));
    }
    if (records.isEmpty()) {
      return new IngestResult(0, 0, 0, List.of(), List.of());
    }
    List<String> touched = commitBatch(records, source);
    return new IngestResult(records.size(), 0, 1, List.of(), touched);
  }

  /** The per-version state the writer keeps between batches. */
  private static final class VersionContext {
    final long id;
    final String model;
    final String version;
    final long key; // hash of (model, version): the reservoir priorities' stream
    VersionState state;
    final LongHeapPriorityQueue reservoir = new LongHeapPriorityQueue(LongComparators.OPPOSITE_COMPARATOR); // max first
    final LongHeapPriorityQueue promptHeap = new LongHeapPriorityQueue(LongComparators.OPPOSITE_COMPARATOR);
    Map<Long, PromptStats> prompts;

    VersionContext(long id, String model, String version) {
      this.id = id;
      this.model = model;
      this.version = version;
      this.key = Digester.HASH.hashCharsToLong(model + '\u0000' + version);
    }
  }

  /** What one batch changes in one version, beyond its state. */
  private static final class Changes {
    final Map<Long, Object[]> inserted = new LinkedHashMap<>(); // priority → {priority, seq, record}
    final List<Long> deleted = new ArrayList<>();
    final Map<Long, PromptStats> dirtyPrompts = new LinkedHashMap<>();
    final List<Long> deletedPrompts = new ArrayList<>();
  }

  private List<String> commitBatch(List<ResponseRecord> records, String source) {
    synchronized (writeLock) {
      if (store.readOnly()) {
        throw new SpecException(store.file() + ": the monitor store is open read-only");
      }
      Instant now = clock.instant();
      LinkedHashSet<String> names = new LinkedHashSet<>();
      for (ResponseRecord r : records) {
        names.add(r.model() + "/" + r.version());
      }
      if (inboxRows == 0 && records.size() >= Math.min(DIRECT_MIN, config.batchSize())) {
        fold(records, null, source, -1, now); // large: straight into the sketches, one transaction
        return List.copyOf(names);
      }
      try {
        store.begin();
        List<long[]> ids = new ArrayList<>(records.size());
        for (ResponseRecord r : records) {
          ids.add(new long[] {versionId(r.model(), r.version(), now)});
        }
        store.insertInbox(ids, records, now);
        store.logBatch(source, records.size(), now);
        store.commit();
      } catch (SQLException | RuntimeException e) {
        store.rollbackQuietly();
        versionIds.clear(); // rows created in the failed transaction are gone
        throw new SpecException(store.file() + ": could not store the batch (nothing of it was kept): " + e.getMessage(), e);
      }
      inboxRows += records.size();
      if (inboxRows >= config.batchSize()) {
        try {
          foldInbox();
        } catch (RuntimeException e) {
          // The batch is acknowledged and stays in the inbox; the next fold retries it.
          org.slf4j.LoggerFactory.getLogger(Monitor.class).error("{}: folding the inbox failed; {} records wait: {}",
              store.file(), inboxRows, e.toString());
        }
      }
      return List.copyOf(names);
    }
  }

  /**
   * Folds every acknowledged record still in the inbox into its version's sketches and sample, so that
   * indicators reflect them. Called by {@link #evaluate}, {@link #close()} and on opening a store that a
   * crash left with an inbox; ingestion folds by itself whenever the inbox reaches {@code batch_size}.
   */
  public void flush() {
    synchronized (writeLock) {
      if (!store.readOnly()) {
        foldInbox();
      }
    }
  }

  private void foldInbox() {
    try {
      while (true) {
        List<MonitorStore.InboxRow> rows = store.inbox(config.batchSize());
        if (rows.isEmpty()) {
          inboxRows = 0;
          return;
        }
        List<ResponseRecord> records = new ArrayList<>(rows.size());
        List<Instant> received = new ArrayList<>(rows.size());
        for (MonitorStore.InboxRow r : rows) {
          records.add(r.record());
          received.add(r.receivedAt());
        }
        fold(records, received, null, rows.get(rows.size() - 1).id(), clock.instant());
        inboxRows = Math.max(0, inboxRows - rows.size());
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** The id of a version's row, creating the model and version if needed (inside the caller's transaction). */
  private long versionId(String model, String version, Instant now) throws SQLException {
    String key = model + '\u0000' + version;
    Long id = versionIds.get(key);
    if (id == null) {
      long modelId = store.modelId(model, true, now);
      MonitorStore.VersionRow row = store.version(modelId, version, true);
      id = row != null ? row.id() : store.createVersion(modelId, version, now).id();
      versionIds.put(key, id);
    }
    return id;
  }

  /**
   * One transaction: the records' effect on their versions' states, samples and prompts; the batch's log
   * row (if {@code source} is given: records acknowledged here); and the deletion of folded inbox rows up
   * to {@code inboxUpTo} (if ≥ 0).
   *
   * @param received per record, the time it was acknowledged (for records without a timestamp), or null for now
   */
  private void fold(List<ResponseRecord> records, List<Instant> received, String source, long inboxUpTo, Instant now) {
    Reference ref = reference();
    if (digester == null) {
      digester = new Digester(ref, config.tailRank());
    }
    Map<VersionContext, Changes> touched = new LinkedHashMap<>();
    try {
      store.begin();
      for (int i = 0; i < records.size(); i++) {
        ResponseRecord r = records.get(i);
        VersionContext ctx = context(r.model(), r.version(), now);
        Changes ch = touched.computeIfAbsent(ctx, k -> new Changes());
        add(ctx, ch, r, received == null ? now : received.get(i));
      }
      for (Map.Entry<VersionContext, Changes> e : touched.entrySet()) {
        VersionContext ctx = e.getKey();
        Changes ch = e.getValue();
        store.saveVersion(ctx.id, ctx.state, now);
        long[] del = ch.deleted.stream().mapToLong(Long::longValue).toArray();
        store.deleteSamples(ctx.id, del, del.length);
        store.insertSamples(ctx.id, new ArrayList<>(ch.inserted.values()));
        store.deletePrompts(ctx.id, ch.deletedPrompts);
        store.upsertPrompts(ctx.id, ch.dirtyPrompts);
      }
      if (source != null) {
        store.logBatch(source, records.size(), now);
      }
      if (inboxUpTo >= 0) {
        store.deleteInbox(inboxUpTo);
      }
      store.commit();
    } catch (SQLException | RuntimeException e) {
      store.rollbackQuietly();
      // The in-memory states took part of the batch; reload them from the store next time.
      for (VersionContext ctx : touched.keySet()) {
        contexts.remove(ctx.model + '\u0000' + ctx.version);
      }
      versionIds.clear();
      if (e instanceof SpecException se) {
        throw se;
      }
      throw new SpecException(store.file() + ": could not store the batch (nothing of it was kept): " + e.getMessage(), e);
    }
    trimContexts(touched.keySet());
  }

  private void add(VersionContext ctx, Changes ch, ResponseRecord r, Instant now) {
    long seq = ctx.state.records;
    digester.add(ctx.state, r.response());
    ctx.state.time((r.timestamp() != null ? r.timestamp() : now).toEpochMilli());
    long priority = priorityHash.hashLongLongToLong(ctx.key, seq);
    if (ctx.reservoir.size() < config.reservoirSize()) {
      ctx.reservoir.enqueue(priority);
      ch.inserted.put(priority, new Object[] {priority, seq, r});
    } else if (priority < ctx.reservoir.firstLong()) {
      long evicted = ctx.reservoir.dequeueLong();
      if (ch.inserted.remove(evicted) == null) {
        ch.deleted.add(evicted);
      }
      ctx.reservoir.enqueue(priority);
      ch.inserted.put(priority, new Object[] {priority, seq, r});
    }
    if (r.promptId() != null) {
      ctx.state.prompted++;
      if (config.promptSample() > 0) {
        long h = promptHash.hashCharsToLong(r.promptId());
        PromptStats p = ctx.prompts.get(h);
        if (p == null) {
          if (ctx.prompts.size() >= config.promptSample()) {
            if (h >= ctx.promptHeap.firstLong()) {
              return; // not in the bottom-k prompt sample
            }
            long evicted = ctx.promptHeap.dequeueLong();
            ctx.prompts.remove(evicted);
            ch.dirtyPrompts.remove(evicted);
            ch.deletedPrompts.add(evicted);
          }
          String prompt = r.prompt() == null ? null : WarningEngine.abbreviate(r.prompt(), 2000);
          p = new PromptStats(r.promptId(), prompt, config.answersPerPrompt());
          ctx.prompts.put(h, p);
          ctx.promptHeap.enqueue(h);
        }
        p.add(digester.normalizedHash);
        ch.dirtyPrompts.put(h, p);
      }
    }
  }

  private VersionContext context(String model, String version, Instant now) throws SQLException {
    String key = model + '\u0000' + version;
    VersionContext ctx = contexts.get(key);
    if (ctx != null) {
      return ctx;
    }
    long modelId = store.modelId(model, true, now);
    MonitorStore.VersionRow row = store.version(modelId, version, true);
    if (row == null) {
      row = store.createVersion(modelId, version, now);
    }
    ctx = new VersionContext(row.id(), model, version);
    byte[] state = store.state(row.id(), true);
    ctx.state = state == null ? VersionState.empty(config) : VersionState.fromBytes(state, config);
    for (long p : store.samplePriorities(row.id())) {
      ctx.reservoir.enqueue(p);
    }
    ctx.prompts = new HashMap<>(store.prompts(row.id(), true));
    for (long h : ctx.prompts.keySet()) {
      ctx.promptHeap.enqueue(h);
    }
    contexts.put(key, ctx);
    return ctx;
  }

  private void trimContexts(Set<VersionContext> keep) {
    Iterator<Map.Entry<String, VersionContext>> it = contexts.entrySet().iterator();
    while (contexts.size() > CACHED_VERSIONS && it.hasNext()) {
      if (!keep.contains(it.next().getValue())) {
        it.remove();
      }
    }
  }

  /**
   * Deletes a model with all its versions, samples, prompts, pending records and warnings (one transaction).
   *
   * @return whether the model existed
   * @throws SpecException if the store is read-only
   */
  public boolean deleteModel(String model) {
    synchronized (writeLock) {
      if (store.readOnly()) {
        throw new SpecException(store.file() + ": the monitor store is open read-only");
      }
      try {
        long id = store.modelId(model, false, null);
        if (id < 0) {
          return false;
        }
        store.begin();
        store.deleteModel(id);
        store.commit();
        inboxRows = store.inboxCount();
      } catch (SQLException | RuntimeException e) {
        store.rollbackQuietly();
        throw e instanceof RuntimeException re ? re : failure((SQLException) e);
      } finally {
        String prefix = model + '\u0000';
        contexts.keySet().removeIf(k -> k.startsWith(prefix));
        versionIds.keySet().removeIf(k -> k.startsWith(prefix));
        synchronized (dataCache) {
          dataCache.keySet().removeIf(k -> k.startsWith(prefix));
        }
        synchronized (driftCache) {
          driftCache.keySet().removeIf(k -> k.startsWith(prefix));
        }
      }
      return true;
    }
  }

  // ------------------------------------------------------------------------------------------ reading

  /** The models, by name. */
  public List<String> models() {
    synchronized (readLock) {
      try {
        return store.models();
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  /**
   * A model's versions in order of first appearance.
   *
   * @throws SpecException naming the model if it is unknown
   */
  public List<VersionInfo> versions(String model) {
    synchronized (readLock) {
      try {
        long id = modelIdOrFail(model);
        Map<Long, Long> pending = store.pending(id);
        return store.versions(id).stream().map(r -> info(model, r, pending.getOrDefault(r.id(), 0L))).toList();
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  /** One version. @throws SpecException if the model or version is unknown */
  public VersionInfo version(String model, String version) {
    return versions(model).stream().filter(v -> v.version().equals(version)).findFirst()
        .orElseThrow(() -> new SpecException("version", "model " + model + " has no version " + version));
  }

  /** A version's indicators, computed from its sketches and sample (cached until it receives records). */
  public VersionIndicators indicators(String model, String version) {
    return data(version(model, version)).indicators();
  }

  /** The indicators of every version of a model, oldest first. */
  public List<VersionIndicators> indicators(String model) {
    return versions(model).stream().map(v -> data(v).indicators()).toList();
  }

  /** Up to {@code limit} responses of a version's reservoir sample, a uniform random sample. */
  public List<SampledResponse> samples(String model, String version, int limit) {
    VersionInfo v = version(model, version);
    synchronized (readLock) {
      try {
        long id = versionId(v);
        return store.samples(id, limit).stream()
            .map(s -> new SampledResponse(s.promptId(), s.prompt(), s.response(), s.timestamp(), s.meta())).toList();
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  /** How one version differs from another: indicators, drift, distances, prompts, examples. */
  public Comparison compare(String model, String reference, String current) {
    Comparer.VersionData a = data(version(model, reference));
    Comparer.VersionData b = data(version(model, current));
    return Comparer.compare(a, b, config, drift(a, b));
  }

  /** The drift test alone. @return null if a side has fewer than 4 sampled responses */
  public DriftTest.Result drift(String model, String reference, String current) {
    return drift(data(version(model, reference)), data(version(model, current)));
  }

  /** The number of batches committed to the store and the records they held (the ingest log). */
  public long[] committed() {
    synchronized (readLock) {
      try {
        return store.batchTotals();
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  private DriftTest.Result drift(Comparer.VersionData a, Comparer.VersionData b) {
    String key = a.info().model() + '\u0000' + a.info().version() + '\u0000' + a.info().records() + '\u0000'
        + b.info().version() + '\u0000' + b.info().records();
    synchronized (driftCache) {
      if (driftCache.containsKey(key)) {
        return driftCache.get(key);
      }
    }
    DriftTest.Result r = Comparer.drift(a, b, config);
    synchronized (driftCache) {
      driftCache.put(key, r);
    }
    return r;
  }

  /** Loads (or takes from the cache) a version's state, sample, prompts and indicators. */
  Comparer.VersionData data(VersionInfo v) {
    String key = v.model() + '\u0000' + v.version();
    synchronized (dataCache) {
      Comparer.VersionData d = dataCache.get(key);
      if (d != null && d.info().records() == v.records()) {
        return d;
      }
    }
    long id;
    MonitorStore.StateSnapshot snap;
    List<MonitorStore.SampleRow> rows;
    Map<Long, PromptStats> prompts;
    String cached;
    synchronized (readLock) {
      try {
        id = versionId(v);
        snap = store.snapshot(id);
        rows = store.samples(id, config.reservoirSize());
        prompts = store.prompts(id, false);
        cached = snap == null ? null : store.cachedIndicators(id, snap.records());
      } catch (SQLException e) {
        throw failure(e);
      }
    }
    VersionState state = snap == null ? VersionState.empty(config) : VersionState.fromBytes(snap.state(), config);
    VersionInfo info = new VersionInfo(v.model(), v.version(), v.ordinal(), state.records, v.pending(), state.tokens,
        v.firstSeen(), v.lastSeen());
    SampleView sample = SampleView.of(rows, new Digester(reference(), config.tailRank()));
    VersionIndicators ind;
    if (cached != null) {
      ind = parseIndicators(info, cached);
    } else {
      ind = IndicatorEngine.compute(info, state, sample, prompts, reference(), config);
      if (!store.readOnly()) {
        synchronized (writeLock) {
          try {
            store.cacheIndicators(id, state.records, indicatorsJson(ind));
          } catch (SQLException e) {
            throw failure(e);
          }
        }
      }
    }
    Comparer.VersionData d = new Comparer.VersionData(info, state, sample, prompts, ind);
    synchronized (dataCache) {
      dataCache.put(key, d);
    }
    return d;
  }

  private static String indicatorsJson(VersionIndicators ind) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode values = o.putObject("values");
    ind.values().forEach((k, x) -> {
      if (Double.isFinite(x)) {
        values.put(k, x);
      } else {
        values.putNull(k);
      }
    });
    ind.notes().forEach(o.putArray("notes")::add);
    return o.toString();
  }

  private static VersionIndicators parseIndicators(VersionInfo info, String json) {
    try {
      var o = JSON.readTree(json);
      Map<String, Double> values = new LinkedHashMap<>();
      o.path("values").fields().forEachRemaining(e -> values.put(e.getKey(),
          e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
      List<String> notes = new ArrayList<>();
      o.path("notes").forEach(n -> notes.add(n.asText()));
      return new VersionIndicators(info, values, notes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("damaged cached indicators of " + info.version() + ": " + e.getOriginalMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------ warnings

  /**
   * Applies the {@link #policy()} to every version of a model, stores the warnings (the table the
   * dashboard reads), marks stored warnings that no longer hold as cleared, and sends warnings that are
   * new (or were cleared) to the sinks.
   *
   * @return every warning that holds now, oldest version first
   * @throws SpecException if the model is unknown or the store read-only
   */
  public List<Warning> evaluate(String model) {
    if (store.readOnly()) {
      throw new SpecException(store.file() + ": the monitor store is open read-only; cannot store warnings");
    }
    flush();
    List<VersionInfo> versions = versions(model);
    Instant now = clock.instant();
    List<WarningEngine.Raised> raised = WarningEngine.evaluate(versions, policy, config, new WarningEngine.Data() {
      @Override
      public Comparer.VersionData load(VersionInfo v) {
        return data(v);
      }

      @Override
      public DriftTest.Result drift(Comparer.VersionData a, Comparer.VersionData b) {
        return Monitor.this.drift(a, b);
      }
    }, now);
    List<Warning> fresh = new ArrayList<>();
    List<Warning> out = new ArrayList<>();
    synchronized (writeLock) {
      try {
        long modelId = store.modelId(model, false, now);
        Map<String, Long> ids = new HashMap<>();
        for (MonitorStore.VersionRow r : store.versions(modelId)) {
          ids.put(r.name(), r.id());
        }
        Map<String, MonitorStore.WarningRow> previous = new HashMap<>();
        for (MonitorStore.WarningRow w : store.warningRows(modelId, false)) {
          previous.put(w.version() + "\u0000" + w.rule() + "\u0000" + w.indicator(), w);
        }
        store.begin();
        Set<String> holding = new HashSet<>();
        for (WarningEngine.Raised r : raised) {
          long vid = ids.get(r.version().version());
          String k = vid + "\u0000" + r.warning().rule() + "\u0000" + r.warning().indicator();
          holding.add(k);
          Warning w = r.warning();
          MonitorStore.WarningRow old = previous.get(k);
          if (old != null) {
            Instant first = WarningJson.parse(old.details(), true).raisedAt();
            w = new Warning(w.model(), w.version(), w.rule(), w.indicator(), w.baselineVersion(), w.baselineValue(),
                w.value(), w.change(), w.threshold(), w.message(), w.detail(), w.examples(), true,
                first != null && old.active() ? first : now);
          }
          boolean isNew = store.upsertWarning(modelId, vid, ids.get(r.baseline().version()), w,
              WarningJson.toJson(w).toString(), now);
          out.add(w);
          if (isNew) {
            fresh.add(w);
          }
        }
        for (Map.Entry<String, MonitorStore.WarningRow> e : previous.entrySet()) {
          if (e.getValue().active() && !holding.contains(e.getKey())) {
            store.deactivateWarning(e.getValue().id(), now);
          }
        }
        store.commit();
      } catch (SQLException | RuntimeException e) {
        store.rollbackQuietly();
        throw e instanceof RuntimeException re ? re : failure((SQLException) e);
      }
    }
    for (Warning w : fresh) {
      for (WarningSink s : sinks) {
        try {
          s.accept(w);
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(Monitor.class).warn("warning sink {} failed: {}", s, e.toString());
        }
      }
    }
    return out;
  }

  /** The stored warnings of a model that hold (as of the last {@link #evaluate}), oldest version first. */
  public List<Warning> warnings(String model) {
    return warnings(model, false);
  }

  /** The stored warnings of a model, including cleared ones if asked. */
  public List<Warning> warnings(String model, boolean includeCleared) {
    synchronized (readLock) {
      try {
        long id = modelIdOrFail(model);
        return store.warningRows(id, !includeCleared).stream().map(r -> WarningJson.parse(r.details(), r.active()))
            .toList();
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private long modelIdOrFail(String model) throws SQLException {
    long id = store.modelId(model, false, null);
    if (id < 0) {
      throw new SpecException("model", "unknown model " + model);
    }
    return id;
  }

  private long versionId(VersionInfo v) throws SQLException {
    long modelId = modelIdOrFail(v.model());
    MonitorStore.VersionRow r = store.version(modelId, v.version(), false);
    if (r == null) {
      throw new SpecException("version", "model " + v.model() + " has no version " + v.version());
    }
    return r.id();
  }

  private static VersionInfo info(String model, MonitorStore.VersionRow r, long pending) {
    return new VersionInfo(model, r.name(), r.ordinal(), r.records(), pending, r.tokens(),
        r.firstSeen() == null ? null : Instant.parse(r.firstSeen()), r.lastSeen() == null ? null : Instant.parse(r.lastSeen()));
  }

  private SpecException failure(SQLException e) {
    return new SpecException(store.file() + ": " + e.getMessage(), e);
  }

  private static <K, V> Map<K, V> lruMap(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (!store.readOnly()) {
        try {
          foldInbox();
        } catch (RuntimeException e) {
          // the records stay in the inbox and are folded when the store is next opened
          org.slf4j.LoggerFactory.getLogger(Monitor.class).warn("{}: inbox not folded at close: {}", store.file(), e.toString());
        }
      }
      synchronized (readLock) {
        store.close();
      }
    }
  }
}
