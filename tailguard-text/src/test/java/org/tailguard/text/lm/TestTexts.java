package org.tailguard.text.lm;

import java.util.ArrayList;
import java.util.List;
import org.tailguard.text.token.Sentences;
import org.tailguard.text.token.Vocabulary;

/** Small public-domain texts for the LM tests: State of the Union addresses (works of the US government). */
final class TestTexts {
  private TestTexts() {}

  /** George Washington, annual message of December 1790: pre-tokenised, one sentence per line. */
  static final String WASHINGTON = String.join("\n",
      "fellow - citizens of the senate and house of representatives : in meeting you again i feel much satisfaction in being able to repeat my congratulations on the favorable prospects which continue to distinguish our public affairs .",
      "the abundant fruits of another year have blessed our country with plenty and with the means of a flourishing commerce .",
      "the progress of public credit is witnessed by a considerable rise of american stock abroad as well as at home , and the revenues allotted for this and other national purposes have been productive beyond the calculations by which they were regulated .",
      "the punctuality of the former in discharging their engagements has been exemplary .",
      "in conformity to the powers vested in me by acts of the last session , a loan of 3 , 000 , 000 florins , toward which some provisional measures had previously taken place , has been completed in holland .",
      "the secretary of the treasury has my directions to communicate such further particulars as may be requisite for more precise information .",
      "for this sanction application is now made .",
      "i shall cause the papers on this very transaction to be laid before you .",
      "it has been heretofore known to congress that frequent incursions have been made on our frontier settlements by certain banditti of indians from the northwest side of the ohio .",
      "the lives of a number of valuable citizens have thus been sacrificed , and some of them under circumstances peculiarly shocking , whilst others have been carried into a deplorable captivity .",
      "the event of the measure is yet unknown to me .",
      "the secretary of war is directed to lay before you a statement of the information on which it is founded , as well as an estimate of the expense with which it will be attended .",
      "our fisheries and the transportation of our own produce offer us abundant means for guarding ourselves against this evil .",
      "your attention seems to be not less due to that particular branch of our trade which belongs to the mediterranean .",
      "so many circumstances unite in rendering the present state of it distressful to us that you will not think any deliberations misemployed which may lead to its relief and protection .",
      "the laws you have already passed for the establishment of a judiciary system have opened the doors of justice to all descriptions of persons .",
      "you will consider in your wisdom whether improvements in that system may yet be made , and particularly whether an uniform process of execution on sentences issuing from the federal courts be not desirable through all the states .",
      "the patronage of our commerce , of our merchants and sea men , has called for the appointment of consuls in foreign countries .",
      "it seems expedient to regulate by law the exercise of that jurisdiction and those functions which are permitted them , either by express convention or by a friendly indulgence , in the places of their residence .",
      "the consular convention , too , with his most christian majesty has stipulated in certain cases the aid of the national authority to his consuls established here .",
      "some legislative provision is requisite to carry these stipulations into full effect .",
      "the establishment of the militia , of a mint , of standards of weights and measures , of the post office and post roads are subjects which i presume you will resume of course , and which are abundantly urged by their own importance .",
      "gentlemen of the senate and house of representatives : in pursuing the various and weighty business of the present session i indulge the fullest persuasion that your consultation will be equally marked with wisdom and animated by the love of your country .",
      "in whatever belongs to my duty you shall have all the cooperation which an undiminished zeal for its welfare can inspire .",
      "numerous as are the providential blessings which demand our grateful acknowledgments , the abundance with which another year has again rewarded the industry of the husbandman is too important to escape recollection .",
      "your own observations in your respective situations will have satisfied you of the progressive state of agriculture , manufactures , commerce , and navigation .",
      "but you nevertheless can not fail to derive satisfaction from the confirmation of these circumstances which will be disclosed in the several official communications that will be made to you in the course of your deliberations .",
      "in the interval of your recess due attention has been paid to the execution of the different objects which were specially provided for by the laws and resolutions of the last session .",
      "among the most important of these is the defense and security of the western frontiers .",
      "to accomplish it on the most humane principles was a primary wish .");

  /** A later address (after 1990): other topics, other words. */
  static final String LATER_ADDRESS = String.join("\n",
      "protecting americans ’ health also means fighting infectious diseases .",
      "we are coordinating with the chinese government and working closely together on the coronavirus outbreak in china .",
      "my administration will take all necessary steps to safeguard our citizens from this threat .",
      "we have launched ambitious new initiatives to substantially improve care for americans with kidney disease , alzheimer ’ s , and those struggling with mental health challenges .",
      "and because the congress funded my request , we are pursuing new cures for childhood cancer , and we will eradicate the aids epidemic in america by the end of the decade .",
      "almost every american family knows the pain when a loved one is diagnosed with a serious illness .",
      "here tonight is a special man , someone beloved by millions of americans who just received a stage 4 advanced cancer diagnosis .",
      "this is not good news , but what is good news is that he is the greatest fighter and winner that you will ever meet .",
      "rush limbaugh : thank you for your decades of tireless devotion to our country .",
      "i will now ask the first lady of the united states to please stand and present you with the honor .",
      "rush , kathryn , congratulations !",
      "as we pray for all who are sick , we know that america is constantly achieving new medical breakthroughs .");

  static List<String[]> lines(String text) {
    List<String[]> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip().split("\\s+"));
      }
    }
    return out;
  }

  static Sentences sentences(String text, Vocabulary vocabulary) {
    List<String[]> lines = lines(text);
    int[][] s = new int[lines.size()][];
    for (int i = 0; i < s.length; i++) {
      s[i] = vocabulary.encode(lines.get(i));
    }
    return new Sentences(vocabulary, s);
  }

  static Sentences sentences(String text) {
    return sentences(text, Vocabulary.build(lines(text), 1));
  }
}
