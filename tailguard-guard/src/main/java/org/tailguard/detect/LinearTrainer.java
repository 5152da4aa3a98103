package org.tailguard.detect;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tailguard.spec.Check;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a {@link LinearDetector}: logistic regression (the multinomial log-loss over the two labels,
 * {@code human} and {@code machine}) by AdaGrad SGD in Tribuo 4.3 (Oracle Labs; Apache-2.0), over
 * features standardised on the training set. The two labels' weight vectors are folded into one logit
 * difference, which is the detector's score; {@link #tribuoProbability} exposes Tribuo's own prediction so
 * a test can check that the folded weights reproduce it.
 *
 * @param epochs passes over the training set
 * @param learningRate AdaGrad's initial learning rate
 * @param seed Tribuo's shuffling seed
 */
public record LinearTrainer(int epochs, double learningRate, long seed) {
  static final String HUMAN = "human";
  static final String MACHINE = "machine";
  // a fixed provenance time, so that the same data give the same bytes of model provenance
  private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  public LinearTrainer {
    Check.atLeast("classifier.epochs", epochs, 1);
    Check.positive("classifier.learning_rate", learningRate);
  }

  /** 40 epochs at learning rate 0.5. */
  public static LinearTrainer defaults(long seed) {
    return new LinearTrainer(40, 0.5, seed);
  }

  /** A trained detector and the Tribuo model it was folded from. */
  public record Trained(LinearDetector detector, LinearSGDModel model) {}

  /**
   * Trains on human and machine evidence.
   *
   * @throws IllegalArgumentException if either side is empty
   */
  public Trained train(String name, List<Features.Feature> features, List<Evidence> human, List<Evidence> machine) {
    if (human.isEmpty() || machine.isEmpty()) {
      throw new IllegalArgumentException(name + ": needs human and machine training texts, got " + human.size()
          + " and " + machine.size());
    }
    int p = features.size();
    double[][] xh = matrix(features, human);
    double[][] xm = matrix(features, machine);
    double[] mean = new double[p];
    double[] scale = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      double s2 = 0;
      int n = 0;
      for (double[][] x : List.of(xh, xm)) {
        for (double[] row : x) {
          if (Double.isFinite(row[j])) {
            s += row[j];
            s2 += row[j] * row[j];
            n++;
          }
        }
      }
      mean[j] = n == 0 ? 0 : s / n;
      double var = n == 0 ? 0 : s2 / n - mean[j] * mean[j];
      scale[j] = var > 1e-24 ? Math.sqrt(var) : 1;
    }
    LinearDetector shell = new LinearDetector(name, features, mean, scale, new double[p], 0);
    String[] names = shell.featureNames().toArray(String[]::new);
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance(name, EPOCH, labels), labels);
    for (double[][] x : List.of(xh, xm)) {
      Label label = new Label(x == xh ? HUMAN : MACHINE);
      for (double[] row : x) {
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
          z[j] = shell.standardized(j, row[j]);
        }
        data.add(new ArrayExample<>(label, names, z));
      }
    }
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, 0.1), epochs,
        Integer.MAX_VALUE, 1, seed);
    LinearSGDModel model = trainer.train(data);
    DenseMatrix w = model.getWeightsCopy();
    int m = model.getOutputIDInfo().getID(new Label(MACHINE));
    int h = model.getOutputIDInfo().getID(new Label(HUMAN));
    double[] weights = new double[p];
    for (int j = 0; j < p; j++) {
      int id = model.getFeatureIDMap().getID(names[j]);
      weights[j] = id < 0 ? 0 : w.get(m, id) - w.get(h, id);
    }
    int biasColumn = w.getDimension2Size() - 1;
    double bias = w.get(m, biasColumn) - w.get(h, biasColumn);
    return new Trained(new LinearDetector(name, features, mean, scale, weights, bias), model);
  }

  /** Tribuo's predicted probability of {@code machine} for the evidence, through the folded detector's standardisation. */
  static double tribuoProbability(Trained t, Evidence e) {
    LinearDetector d = t.detector();
    String[] names = d.featureNames().toArray(String[]::new);
    double[] z = new double[names.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = d.standardized(j, d.features().get(j).value().applyAsDouble(e));
    }
    Model<Label> model = t.model();
    Prediction<Label> pr = model.predict(new ArrayExample<>(new Label(HUMAN), names, z));
    return pr.getOutputScores().get(MACHINE).getScore();
  }

  private static double[][] matrix(List<Features.Feature> features, List<Evidence> rows) {
    List<double[]> out = new ArrayList<>();
    for (Evidence e : rows) {
      double[] x = new double[features.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = features.get(j).value().applyAsDouble(e);
      }
      out.add(x);
    }
    return out.toArray(double[][]::new);
  }
}
