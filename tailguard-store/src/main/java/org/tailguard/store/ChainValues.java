package org.tailguard.store;

/**
 * Every chain's value of one indicator at every stored generation of a run.
 *
 * @param indicator the indicator name
 * @param generations the stored generations, ascending
 * @param values {@code values[i][c]} is chain c at {@code generations[i]}; NaN where undefined
 */
public record ChainValues(String indicator, int[] generations, double[][] values) {
  /** The number of chains. */
  public int chains() {
    return values.length == 0 ? 0 : values[0].length;
  }
}
